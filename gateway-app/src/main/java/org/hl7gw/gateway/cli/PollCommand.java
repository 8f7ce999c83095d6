package org.hl7gw.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.gateway.config.ConfigLoader;
import org.hl7gw.gateway.config.GatewayConfig;
import org.hl7gw.gateway.config.PollerConfig;
import org.hl7gw.gateway.config.Routes;
import org.hl7gw.gateway.intake.IntakePipeline;
import org.hl7gw.ledger.JdbcPollClaims;
import org.hl7gw.ledger.JdbcPollerStatusStore;
import org.hl7gw.poller.PollReport;
import org.hl7gw.poller.Poller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway poll ID --once}: one poller run in the foreground, for an admin setting one up. */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = {"Run one poller now, in the foreground, and print what it saw, what it took (with the ledger ids) and why it "
                + "skipped the rest. Taken files go through the normal intake (archive, ledger, decrypt, validate, split); the service's "
                + "lane delivers them. Safe while the service runs: a file is never taken twice.",
            "Exit 0 when the run succeeded, 1 when it failed or was partial, 2 on usage errors."})
final class PollCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "ID", description = "The poller's id in the configuration.")
    String id;

    @Option(names = "--once", required = true, description = "Run once and exit (the only mode: scheduled runs are the service's).")
    boolean once;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The configuration holding the poller.")
    Path config;

    PollCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg = new ConfigLoader().load(config);
        PollerConfig p = cfg.poller(id).orElseThrow(() -> new UsageException("no poller '" + id + "' in " + config));
        try (Workspace ws = Workspace.open(cfg.dataDir(), cfg.ledger())) {
            IntakePipeline pipeline = ws.pipeline(new Routes(cfg), d -> { });
            Path work = Files.createDirectories(ws.dataDir().resolve("work").resolve("poll").resolve(id));
            Poller poller = new Poller(p.settings(), new JdbcPollClaims(ws.database(), Clock.systemUTC(), Duration.ofMinutes(30)),
                    new JdbcPollerStatusStore(ws.database()), pipeline, work, Clock.systemUTC());
            PollReport report = poller.run();
            report.lines().forEach(terminal.out()::println);
            if (!report.taken().isEmpty()) {
                terminal.out().println(report.taken().size() + " file(s) taken for " + cfg.partner(p.partner()).orElseThrow().destination()
                        + "; the service's lane delivers them (see 'gateway ledger files')");
            }
            return report.outcome() == org.hl7gw.core.poll.PollOutcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
