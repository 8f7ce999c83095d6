package org.hl7gw.gateway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.intake.IncomingFile;
import org.hl7gw.core.intake.IntakeReceipt;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.gateway.delivery.LocalDelivery;
import org.hl7gw.gateway.intake.IntakePipeline;
import org.hl7gw.gateway.intake.IntakeRoute;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.mllp.Destination;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway send FILE... --to URL}: records, validates, splits and forwards files, then reports each. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Record each file in the ledger (archiving the original), decrypt it when it is OpenPGP, validate it, "
                + "split it and forward every message over MLLP in order, waiting for each ACK. "
                + "A file already received (same SHA-256) is recorded as DUPLICATE and not sent again unless --force.",
            "Prints, per file, its ledger id and delivered/rejected/failed/pending counts. "
                + "Exit 0 when every message of every file was DELIVERED, 1 otherwise (an INVALID or DUPLICATE file included), 2 on usage errors."})
final class SendCommand extends DeliveringCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Batch files to send.")
    List<Path> files;

    @Option(names = "--force", description = "Send even files whose bytes were already received.")
    boolean force;

    SendCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() throws Exception {
        InputFiles.requireReadable(files);
        String url = delivery.url().orElseThrow(() -> new UsageException("--to URL is required (mllp://HOST:PORT or mllps://HOST:PORT)"));
        Destination destination = delivery.destination(url);
        IntakeRoute route = new IntakeRoute(destination.id(), decryption.opener(), validation.settings());
        try (Workspace ws = Workspace.open(dataDir.path())) {
            IntakePipeline pipeline = ws.pipeline(source -> route, d -> { });
            List<Long> ids = new ArrayList<>();
            boolean allGood = true;
            for (Path f : files) {
                IntakeReceipt receipt = pipeline.accept(new IncomingFile(FileSource.cli(), f.getFileName().toString(), f), force);
                ids.add(receipt.fileId());
                switch (receipt.status()) {
                    case INVALID -> {
                        allGood = false;
                        terminal.out().println("file " + receipt.fileId() + " INVALID " + f + ":");
                        receipt.error().lines().forEach(line -> terminal.out().println("  error: " + line));
                    }
                    case DUPLICATE -> allGood = false;
                    default -> { }
                }
            }
            LocalDelivery.Outcome outcome = LocalDelivery.forCommand(ws, pipeline, route)
                    .deliver(destination, ids, delivery.handOffWait(), terminal.err());
            for (long id : ids) {
                FileRecord f = ws.ledger().file(id).orElseThrow();
                terminal.out().println(FileLines.summary(f));
                allGood &= FileLines.fullyDelivered(f);
            }
            outcome.haltReason().ifPresent(r -> terminal.out().println("lane " + destination.id() + " HALTED: " + r));
            if (outcome.timedOut()) {
                terminal.out().println("the service did not finish within --wait; see 'gateway ledger files'");
            }
            return allGood ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
