package org.hl7gw.gateway.cli;

import org.hl7gw.gateway.app.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.ledger.AttemptView;
import org.hl7gw.ledger.FileQuery;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.MessageRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway ledger ...}: what the gateway received, sent and why something failed. Works while the service runs. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Look into the ledger: files, their messages and attempts, halted lanes. Works while the service runs.",
        subcommands = {LedgerCommand.Files.class, LedgerCommand.Messages.class, LedgerCommand.Show.class, LedgerCommand.Lanes.class})
final class LedgerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: files, messages, show or lanes");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static String json(Map<String, Object> row) {
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> fileJson(FileRecord f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.originalName());
        m.put("source", f.source().toString());
        m.put("size", f.size());
        m.put("sha256", f.sha256().hex());
        m.put("receivedAt", f.receivedAt().toString());
        m.put("status", f.status().name());
        m.put("destination", f.destination());
        m.put("batches", f.batches());
        m.put("messages", f.messages());
        m.put("delivered", f.delivered());
        m.put("rejected", f.rejected());
        m.put("failed", f.failed());
        m.put("pending", f.pending());
        m.put("error", f.error());
        m.put("warnings", f.warnings());
        m.put("duplicateOf", f.duplicateOf());
        m.put("signerKeyId", f.decryptionRecord().map(d -> d.signerKeyId()).orElse(null));
        m.put("signerFingerprint", f.decryptionRecord().map(d -> d.signerFingerprint()).orElse(null));
        m.put("pgp", f.decryptionRecord().map(d -> d.details()).orElse(null));
        m.put("finishedAt", f.finishedAt() == null ? null : f.finishedAt().toString());
        return m;
    }

    static Map<String, Object> messageJson(MessageRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("batch", r.batchNo());
        m.put("controlId", r.controlId().value());
        m.put("type", r.messageType());
        m.put("sendingApplication", r.sendingApplication());
        m.put("sendingFacility", r.sendingFacility());
        m.put("status", r.status().name());
        m.put("attempts", r.attempts());
        m.put("ackCode", r.ackCode() == null ? null : r.ackCode().name());
        m.put("error", r.error());
        m.put("length", r.length());
        m.put("sha256", r.sha256().hex());
        m.put("settledAt", r.settledAt() == null ? null : r.settledAt().toString());
        return m;
    }

    /** A look into the ledger: open the data directory (it must exist), show something, exit 0. */
    abstract static class Query implements Callable<Integer> {
        protected final Terminal terminal;
        @Mixin
        DataDirOption dataDir = new DataDirOption();

        Query(Terminal terminal) {
            this.terminal = terminal;
        }

        abstract void show(Workspace ws);

        @Override
        public Integer call() {
            try (Workspace ws = Workspace.openExisting(dataDir.path())) {
                show(ws);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "files", mixinStandardHelpOptions = true, description = "List files, newest first.")
    static final class Files extends Query {
        @Option(names = "--status", paramLabel = "STATUS", description = "Only files in this status: ${COMPLETION-CANDIDATES}.")
        FileStatus status;
        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N files (default ${DEFAULT-VALUE}).")
        int limit = 100;

        Files(Terminal terminal) {
            super(terminal);
        }

        @Override
        void show(Workspace ws) {
            List<FileRecord> files = ws.ledger().files(new FileQuery(Optional.ofNullable(status), Math.max(1, Math.min(limit, FileQuery.MAX_LIMIT)), true));
            for (FileRecord f : files) {
                if (json) {
                    terminal.out().println(json(fileJson(f)));
                } else {
                    terminal.out().println(FileLines.summary(f) + (f.error() == null ? "" : "\n    error: " + Text.firstLine(f.error())));
                }
            }
            if (!json && files.isEmpty()) {
                terminal.out().println("no files" + (status == null ? "" : " in status " + status));
            }
        }
    }

    @Command(name = "messages", mixinStandardHelpOptions = true, description = "List a file's messages in file order.")
    static final class Messages extends Query {
        @Parameters(index = "0", paramLabel = "FILE_ID")
        long fileId;
        @Option(names = "--status", paramLabel = "STATUS", description = "Only messages in this status: ${COMPLETION-CANDIDATES}.")
        MessageStatus status;
        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        Messages(Terminal terminal) {
            super(terminal);
        }

        @Override
        void show(Workspace ws) {
            ws.ledger().file(fileId).orElseThrow(() -> new UsageException("no file " + fileId + " in the ledger"));
            ws.ledger().messages(fileId, Optional.ofNullable(status), r -> terminal.out().println(json ? json(messageJson(r))
                    : String.format("%6d  %-20s %-16s %-9s attempts %d%s%s", r.seq(), r.controlId(), r.messageType(), r.status(), r.attempts(),
                            r.ackCode() == null ? "" : "  ack " + r.ackCode(), r.error() == null ? "" : "  " + r.error())));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One file: where it came from, its batches and counts, errors, recent attempts.")
    static final class Show extends Query {
        @Parameters(index = "0", paramLabel = "FILE_ID")
        long fileId;
        @Option(names = "--attempts", paramLabel = "N", defaultValue = "20", description = "Recent attempts to show (default ${DEFAULT-VALUE}).")
        int attempts = 20;

        Show(Terminal terminal) {
            super(terminal);
        }

        @Override
        void show(Workspace ws) {
            FileRecord f = ws.ledger().file(fileId).orElseThrow(() -> new UsageException("no file " + fileId + " in the ledger"));
            var out = terminal.out();
            out.println("file " + f.id() + ": " + f.originalName());
            out.println("  status       " + f.status() + (f.duplicateOf() == null ? "" : " (duplicate of file " + f.duplicateOf() + ")"));
            out.println("  source       " + f.source());
            out.println("  received     " + f.receivedAt());
            out.println("  size         " + f.size() + " bytes, sha256 " + f.sha256().hex());
            out.println("  archived     " + ws.archive().path(f.sha256()));
            out.println("  destination  " + f.destination());
            out.println("  batches      " + f.batches());
            out.println("  messages     " + f.messages() + ": delivered " + f.delivered() + ", rejected " + f.rejected() + ", failed " + f.failed()
                    + ", pending " + f.pending());
            f.decryptionRecord().ifPresent(d -> {
                out.println("  pgp          " + d.details());
                if (d.signerFingerprint() != null) {
                    out.println("  signer       key " + d.signerKeyId() + ", fingerprint " + d.signerFingerprint());
                }
                if (d.warning() != null) {
                    out.println("  pgp warning  " + d.warning());
                }
            });
            if (f.finishedAt() != null) {
                out.println("  finished     " + f.finishedAt());
            }
            if (f.warnings() != null && !f.warnings().isBlank()) {
                f.warnings().lines().forEach(w -> out.println("  warning      " + w));
            }
            if (f.error() != null) {
                f.error().lines().forEach(e -> out.println("  error        " + e));
            }
            ws.jdbcLedger().halts().stream().filter(h -> h.fileId() == f.id())
                    .forEach(h -> out.println("  lane HALTED  " + h.destination() + " since " + h.since() + ": " + h.reason()));
            List<AttemptView> recent = ws.ledger().recentAttempts(fileId, Math.max(1, Math.min(attempts, 10_000)));
            if (!recent.isEmpty()) {
                out.println("  recent attempts (newest first):");
                for (AttemptView a : recent) {
                    out.printf("    %s  message %d (%s) attempt %d: %s in %d ms%s%n", a.at(), a.seq(), a.controlId(), a.number(), a.outcome(),
                            a.latency().toMillis(), a.detail() == null ? "" : " - " + a.detail());
                }
            }
        }
    }

    @Command(name = "lanes", mixinStandardHelpOptions = true, description = "Halted lanes: which destination, since when, why.")
    static final class Lanes extends Query {

        Lanes(Terminal terminal) {
            super(terminal);
        }

        @Override
        void show(Workspace ws) {
            List<LaneHalt> halts = ws.jdbcLedger().halts();
            if (halts.isEmpty()) {
                terminal.out().println("no lane is halted");
            }
            for (LaneHalt h : halts) {
                terminal.out().println("HALTED " + h.destination() + " since " + h.since() + " at file " + h.fileId() + ": " + h.reason());
            }
            for (String d : ws.ledger().destinationsWithWork()) {
                terminal.out().println("waiting work for " + d);
            }
        }
    }
}
