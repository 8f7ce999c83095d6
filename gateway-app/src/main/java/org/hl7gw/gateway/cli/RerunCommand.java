package org.hl7gw.gateway.cli;

import org.hl7gw.gateway.app.Text;
import java.util.List;
import java.util.Optional;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.gateway.delivery.LocalDelivery;
import org.hl7gw.gateway.intake.IntakePipeline;
import org.hl7gw.gateway.intake.IntakeRoute;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.RerunResult;
import org.hl7gw.mllp.Destination;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway rerun FILE_ID}: sends again what failed, never what was acknowledged. */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Send again, in their original order and with their original bytes (rebuilt from the archive when needed), "
                + "the messages of a file that are FAILED or still PENDING, and REJECTED ones with --include-rejected. "
                + "A DELIVERED message is never sent again. An INVALID file is taken in again from its archived original with the "
                + "current options (e.g. --count-mismatch warn, or a fixed --decrypt-key).",
            "When the service runs, its lane for the destination carries the rerun out. Exit codes as for send."})
final class RerunCommand extends DeliveringCommand {

    @Parameters(index = "0", paramLabel = "FILE_ID", description = "The file's ledger id (see 'gateway ledger files').")
    long fileId;

    @Option(names = "--include-rejected", description = "Also send the messages the receiver REJECTED (AR/CR).")
    boolean includeRejected;

    @Option(names = "--dry-run", description = "Show what would be sent; change nothing.")
    boolean dryRun;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The service's configuration: its destinations, and the keys and validation policy of the file's partner or poller.")
    java.nio.file.Path config;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    RerunCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() throws Exception {
        java.util.Optional<org.hl7gw.gateway.config.GatewayConfig> cfg = java.util.Optional.ofNullable(config)
                .map(c -> new org.hl7gw.gateway.config.ConfigLoader().load(c));
        java.nio.file.Path data = cfg.map(org.hl7gw.gateway.config.GatewayConfig::dataDir).orElse(dataDir.path());
        try (Workspace ws = Workspace.openExisting(data)) {
            FileRecord file = ws.ledger().file(fileId).orElseThrow(() -> new UsageException("no file " + fileId + " in the ledger at " + ws.dataDir()));
            Optional<Destination> resolved = destinationFor(file, cfg);
            String destinationId = resolved.map(Destination::id).orElse(file.destination());
            IntakeRoute route = routeFor(file, destinationId, cfg);
            IntakePipeline pipeline = ws.pipeline(source -> route, d -> { });

            switch (file.status()) {
                case DUPLICATE -> {
                    terminal.out().println("file " + fileId + " is a DUPLICATE of file " + file.duplicateOf() + ": rerun file " + file.duplicateOf()
                            + ", or send the file again with --force");
                    return ExitCodes.FAILED;
                }
                case INVALID, RECEIVED -> {
                    if (dryRun) {
                        terminal.out().println("file " + fileId + " is " + file.status() + (file.error() == null ? "" : " (" + Text.firstLine(file.error()) + ")")
                                + ": it would be taken in again from its archived original and sent to " + destinationId);
                        return ExitCodes.OK;
                    }
                    if (file.status() == org.hl7gw.core.delivery.FileStatus.INVALID) {
                        ws.ledger().resetForReprocessing(fileId);
                    } else {
                        ws.ledger().discardStaged(fileId);
                    }
                    var receipt = pipeline.process(ws.ledger().file(fileId).orElseThrow(), route);
                    if (receipt.status() == org.hl7gw.core.delivery.FileStatus.INVALID) {
                        terminal.out().println("file " + fileId + " is still INVALID:");
                        receipt.error().lines().forEach(line -> terminal.out().println("  error: " + line));
                        return ExitCodes.FAILED;
                    }
                    terminal.out().println("file " + fileId + " taken in again from the archive: " + receipt.status());
                }
                default -> {
                    if (dryRun) {
                        return dryRun(ws, file, destinationId);
                    }
                    Optional<String> newDestination = destinationId.equals(file.destination()) ? Optional.empty() : Optional.of(destinationId);
                    RerunResult r = ws.ledger().prepareRerun(fileId, includeRejected, newDestination);
                    terminal.out().println("file " + fileId + ": " + r.reset() + " message(s) set back to PENDING, " + r.pending() + " to send to " + r.destination()
                            + (r.haltsCleared().isEmpty() ? "" : "; lane halt cleared for " + String.join(", ", r.haltsCleared())));
                }
            }
            LocalDelivery.Outcome outcome = LocalDelivery.forCommand(ws, pipeline, route)
                    .deliver(destinationId, resolved, List.of(fileId), delivery.handOffWait(), terminal.err());
            FileRecord after = ws.ledger().file(fileId).orElseThrow();
            terminal.out().println(FileLines.summary(after));
            outcome.haltReason().ifPresent(r -> terminal.out().println("lane " + destinationId + " HALTED: " + r));
            return FileLines.fullyDelivered(after) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private Integer dryRun(Workspace ws, FileRecord file, String destination) {
        long[] n = {0};
        ws.ledger().messages(fileId, Optional.empty(), m -> {
            boolean send = m.status() == MessageStatus.FAILED || m.status() == MessageStatus.PENDING
                    || (includeRejected && m.status() == MessageStatus.REJECTED);
            if (send) {
                n[0]++;
                terminal.out().printf("  would send message %d (control ID %s, %s, %d attempt%s so far)%n", m.seq(), m.controlId(), m.status(),
                        m.attempts(), m.attempts() == 1 ? "" : "s");
            }
        });
        terminal.out().println("file " + fileId + ": " + n[0] + " message(s) would be sent to " + destination + "; "
                + file.delivered() + " DELIVERED would not" + (includeRejected ? "" : ", nor " + file.rejected() + " REJECTED (--include-rejected)"));
        return ExitCodes.OK;
    }

    /**
     * --to when given; else the file's recorded destination: a URL for files sent with {@code send}, or a
     * destination of the configuration (--config). Empty when only the running service knows how to reach it.
     */
    private Optional<Destination> destinationFor(FileRecord file, Optional<org.hl7gw.gateway.config.GatewayConfig> cfg) {
        if (delivery.url().isPresent()) {
            return Optional.of(delivery.destination(delivery.url().get()));
        }
        String recorded = file.destination();
        Optional<String> url = UrlDestinationId.url(recorded);
        if (url.isPresent()) {
            return Optional.of(delivery.destination(url.get()));
        }
        return cfg.flatMap(c -> c.destination(recorded));
    }

    /**
     * How to open and read the file again: the configuration's rules for its partner or poller (with --config),
     * else the command's options; --count-mismatch and the OpenPGP options given on the command line win.
     */
    private IntakeRoute routeFor(FileRecord file, String destinationId, Optional<org.hl7gw.gateway.config.GatewayConfig> cfg) {
        boolean fromConfig = cfg.isPresent() && file.source().kind() != org.hl7gw.core.intake.SourceKind.CLI;
        IntakeRoute base = fromConfig ? new org.hl7gw.gateway.config.Routes(cfg.get()).apply(file.source())
                : new IntakeRoute(destinationId, decryption.opener(), validation.settings());
        var splitter = base.splitter();
        if (fromConfig && spec.commandLine().getParseResult().hasMatchedOption("--count-mismatch")) {
            splitter = splitter.withCountMismatch(validation.settings().countMismatch());
        }
        var opener = fromConfig && decryption.any() ? decryption.opener() : base.opener();
        return new IntakeRoute(destinationId, opener, splitter);
    }
}
