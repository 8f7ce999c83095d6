package org.hl7gw.gateway.service;

import org.hl7gw.gateway.app.Text;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.gateway.config.PartnerConfig;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.Ledger;
import org.hl7gw.ledger.MessageRecord;

/**
 * Writes what became of a partner's file into its outbox, named after the uploaded file:
 * {@code NAME.result.json} (status, counts, errors per message) and, when the partner asks for it,
 * {@code NAME.ack.hl7}, an HL7 batch acknowledgement: FHS, BHS, an ACK for every message that was not
 * accepted (AR for rejected, AE for failed or still pending), BTS, FTS; an empty batch when all were accepted.
 * A file refused as a whole (INVALID, DUPLICATE) gets one ACK with AR and the reason.
 *
 * <p>Files are written under a temporary name and renamed, so a partner never reads half a result. They may
 * be written more than once (a halted file, then its rerun); the last one is the truth.
 */
public final class PartnerResults {
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private final Ledger ledger;
    private final Clock clock;
    private final AtomicLong ackCounter = new AtomicLong();

    public PartnerResults(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public void write(PartnerConfig partner, long fileId) throws IOException {
        FileRecord f = ledger.file(fileId).orElseThrow();
        Set<PartnerConfig.ResultKind> kinds = partner.results();
        PartnerAccount account = partner.account();
        Files.createDirectories(account.outbox());
        String name = safeName(f.originalName());
        if (kinds.contains(PartnerConfig.ResultKind.JSON)) {
            atomically(account.outbox().resolve(name + ".result.json"), out -> json(f, out));
        }
        if (kinds.contains(PartnerConfig.ResultKind.HL7_ACK)) {
            atomically(account.outbox().resolve(name + ".ack.hl7"), out -> ack(f, out));
        }
    }

    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    private static void atomically(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            content.write(out);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void json(FileRecord f, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("file", f.originalName());
            g.writeNumberField("ledgerId", f.id());
            g.writeStringField("sha256", f.sha256().hex());
            g.writeStringField("receivedAt", f.receivedAt().toString());
            g.writeStringField("status", f.status().name());
            g.writeNumberField("batches", f.batches());
            g.writeNumberField("messages", f.messages());
            g.writeNumberField("delivered", f.delivered());
            g.writeNumberField("rejected", f.rejected());
            g.writeNumberField("failed", f.failed());
            g.writeNumberField("pending", f.pending());
            if (f.duplicateOf() != null) {
                g.writeNumberField("duplicateOf", f.duplicateOf());
            }
            g.writeArrayFieldStart("errors");
            if (f.error() != null) {
                for (String line : f.error().split("\n")) {
                    g.writeString(line);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("warnings");
            if (f.warnings() != null && !f.warnings().isBlank()) {
                for (String line : f.warnings().split("\n")) {
                    g.writeString(line);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("messageErrors");
            IOException[] failure = {null};
            ledger.messages(f.id(), Optional.empty(), m -> {
                if (m.status() == MessageStatus.DELIVERED || failure[0] != null) {
                    return;
                }
                try {
                    g.writeStartObject();
                    g.writeNumberField("seq", m.seq());
                    g.writeStringField("controlId", m.controlId().value());
                    g.writeStringField("status", m.status().name());
                    g.writeNumberField("attempts", m.attempts());
                    if (m.ackCode() != null) {
                        g.writeStringField("ackCode", m.ackCode().name());
                    }
                    if (m.error() != null) {
                        g.writeStringField("error", m.error());
                    }
                    g.writeEndObject();
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private void ack(FileRecord f, OutputStream out) throws IOException {
        String now = HL7_TIME.format(clock.instant());
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("FHS|^~\\&|HL7GW|GATEWAY|||" + now + "||" + escape(f.originalName()) + ".ack.hl7||" + f.id() + "\r");
        w.write("BHS|^~\\&|HL7GW|GATEWAY|||" + now + "||||" + f.id() + "\r");
        int[] count = {0};
        if (f.status() == FileStatus.INVALID || f.status() == FileStatus.DUPLICATE) {
            String reason = f.status() == FileStatus.DUPLICATE ? "duplicate of file " + f.duplicateOf() + ", not forwarded again"
                    : clip(Text.firstLine(f.error()), 200);
            writeAck(w, now, "", "", "AR", "", reason);
            count[0]++;
        } else {
            IOException[] failure = {null};
            ledger.messages(f.id(), Optional.empty(), m -> {
                if (m.status() == MessageStatus.DELIVERED || failure[0] != null) {
                    return;
                }
                try {
                    writeAck(w, now, m.sendingApplication(), m.sendingFacility(), m.status() == MessageStatus.REJECTED ? "AR" : "AE",
                            m.controlId().value(), text(m));
                    count[0]++;
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        w.write("BTS|" + count[0] + "\r");
        w.write("FTS|1\r");
        w.flush();
    }

    private void writeAck(Writer w, String now, String app, String facility, String code, String controlId, String text) throws IOException {
        w.write("MSH|^~\\&|HL7GW|GATEWAY|" + escape(nullToEmpty(app)) + "|" + escape(nullToEmpty(facility)) + "|" + now + "||ACK|HL7GW"
                + now + ackCounter.incrementAndGet() + "|P|2.5.1\r");
        w.write("MSA|" + code + "|" + escape(controlId) + "|" + escape(text) + "\r");
    }

    private static String text(MessageRecord m) {
        String s = m.status() + (m.ackCode() == null ? "" : " (" + m.ackCode() + ")") + (m.error() == null ? "" : ": " + m.error());
        return clip(s, 80);
    }

    /** HL7 escaping of the separators, and no line breaks. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\E\\");
                case '|' -> sb.append("\\F\\");
                case '^' -> sb.append("\\S\\");
                case '&' -> sb.append("\\T\\");
                case '~' -> sb.append("\\R\\");
                case '\r', '\n' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }


    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** The uploaded name without any folder part. */
    static String safeName(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
