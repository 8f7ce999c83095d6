package org.hl7gw.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hl7gw.gateway.config.ConfigLoader;
import org.hl7gw.gateway.config.GatewayConfig;
import org.hl7gw.gateway.service.GatewayService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway run --config FILE}: the long-running service. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the gateway: the partners' SFTP and FTPS servers, the intake (archive, ledger, decrypt, validate, split) "
                + "and one MLLP lane per destination. At start it resumes unfinished work from the ledger. "
                + "SIGTERM or Ctrl-C stops it cleanly: the in-flight message finishes, the rest stays PENDING.",
            "The configuration is checked completely first; a problem stops the start with the key at fault (exit 2)."})
final class RunCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The configuration file (see examples/gateway.yaml).")
    Path config;

    @Option(names = "--check", description = "Check the configuration and exit (0 when it is usable).")
    boolean check;

    RunCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg = new ConfigLoader().load(config);
        if (check) {
            terminal.out().println("configuration OK: " + cfg.partners().size() + " partner(s), " + cfg.destinations().size()
                    + " destination(s), data in " + cfg.dataDir());
            return ExitCodes.OK;
        }
        GatewayService service = new GatewayService(cfg, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "hl7gw-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        service.start(terminal.out());
        stopped.await();
        return ExitCodes.OK;
    }
}
