package org.hl7gw.gateway.intake;

import org.hl7gw.gateway.app.Text;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hl7gw.core.GatewayException;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.intake.IncomingFile;
import org.hl7gw.core.intake.Intake;
import org.hl7gw.core.intake.IntakeReceipt;
import org.hl7gw.gateway.spool.MessageSpool;
import org.hl7gw.ledger.DecryptionRecord;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.Ledger;
import org.hl7gw.ledger.MessageStager;
import org.hl7gw.ledger.NewFile;
import org.hl7gw.ledger.NewMessage;
import org.hl7gw.ledger.archive.ArchivedFile;
import org.hl7gw.ledger.archive.Archive;
import org.hl7gw.pgp.PgpException;
import org.hl7gw.pgp.PgpResult;
import org.hl7gw.splitter.BatchReader;
import org.hl7gw.splitter.BatchReport;
import org.hl7gw.splitter.MessageSink;
import org.hl7gw.splitter.SplitMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way into the gateway: archive the original, record it (RECEIVED), refuse a duplicate, then open
 * (decrypt and verify), validate the whole file, and only then split it into the spool and the ledger and
 * queue it for its destination's lane.
 *
 * <p>Two passes over the archived original: the first validates (and, for an encrypted file, checks its
 * integrity and signature) without keeping anything; the second splits. So an invalid or tampered file
 * yields no message at all, and nothing but the spool of a valid file is written in plaintext.
 *
 * <p>A crash leaves the file RECEIVED with the original in the archive; {@link #resume()} takes such files
 * in again at start.
 */
public final class IntakePipeline implements Intake {
    private static final Logger log = LoggerFactory.getLogger(IntakePipeline.class);

    private final Archive archive;
    private final Ledger ledger;
    private final MessageSpool spool;
    private final Function<FileSource, IntakeRoute> routes;
    private final Consumer<String> wakeLane;
    private final Clock clock;

    public IntakePipeline(Archive archive, Ledger ledger, MessageSpool spool, Function<FileSource, IntakeRoute> routes,
                          Consumer<String> wakeLane, Clock clock) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.wakeLane = Objects.requireNonNull(wakeLane, "wakeLane");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public IntakeReceipt accept(IncomingFile file) throws IOException {
        return accept(file, false);
    }

    /**
     * Takes a file in. When it returns, the original is archived and recorded whatever its fate.
     *
     * @param force take it even when the same bytes already came from the same source
     */
    public IntakeReceipt accept(IncomingFile file, boolean force) throws IOException {
        IntakeRoute route = routes.apply(file.source());
        ArchivedFile archived = archive.store(file.path());
        FileRecord record = ledger.receive(new NewFile(file.source(), file.originalName(), archived.size(), archived.sha256(),
                clock.instant(), route.destination()));
        log.info("file {} received from {}: {} ({} bytes, sha256 {})", record.id(), file.source(), file.originalName(),
                archived.size(), archived.sha256().shortForm());
        if (!force) {
            Optional<FileRecord> earlier = ledger.earlierCopy(file.source(), archived.sha256(), record.id());
            if (earlier.isPresent()) {
                ledger.markDuplicate(record.id(), earlier.get().id());
                log.info("file {} is a DUPLICATE of file {} (same bytes from {}); not forwarded again", record.id(), earlier.get().id(),
                        file.source());
                return new IntakeReceipt(record.id(), archived.sha256(), FileStatus.DUPLICATE,
                        "same bytes as file " + earlier.get().id() + " from the same source");
            }
        }
        return process(record, route);
    }

    /**
     * Opens, validates, splits and queues a RECEIVED file from its archived original: the second half of
     * {@link #accept}, also used to resume after a crash and to reprocess an INVALID file once its cause is fixed.
     */
    public IntakeReceipt process(FileRecord record, IntakeRoute route) throws IOException {
        Sha256 sha = record.sha256();
        String name = record.originalName();
        BatchReader reader = new BatchReader(route.splitter());
        BatchReport verdict;
        Optional<PgpResult> pgp;
        try (InputStream raw = archive.open(sha); Payload payload = route.opener().open(raw)) {
            verdict = reader.validate(payload.stream(), name, MessageSink.discard());
            pgp = payload.finish();
        } catch (PgpException | PayloadOpener.NoDecryptionKeyException e) {
            return invalid(record, "decryption failed: " + e.getMessage());
        }
        if (!verdict.valid()) {
            return invalid(record, verdict.errorText());
        }
        pgp.ifPresent(result -> ledger.recordDecryption(record.id(), decryptionRecord(result)));

        FileRecord queued;
        try (InputStream raw = archive.open(sha); Payload payload = route.opener().open(raw);
             MessageStager stager = ledger.stage(record.id()); MessageSpool.Writer out = spool.create(record.id())) {
            BatchReport split = reader.split(payload.stream(), name, message -> stage(stager, out, message));
            payload.finish();
            if (!split.valid() || split.messages() != verdict.messages() || split.bytes() != verdict.bytes()) {
                throw new IllegalStateException("file " + record.id() + " read differently the second time (" + verdict.messages() + " then "
                        + split.messages() + " messages): archive damaged?");
            }
            out.commit();
            List<String> warnings = new ArrayList<>(split.warningLines());
            pgp.ifPresent(p -> warnings.addAll(p.warnings()));
            queued = stager.queue(split.batches(), warnings);
        } catch (PgpException e) {
            return invalid(record, "decryption failed on the second pass: " + e.getMessage());
        }
        if (queued.pending() == 0) {
            spool.delete(record.id());
        }
        log.info("file {} {}: {} batch(es), {} message(s) for {}{}", record.id(), queued.status(), queued.batches(), queued.messages(),
                queued.destination(), verdict.warnings().isEmpty() ? "" : " (" + verdict.warnings().size() + " warning(s))");
        wakeLane.accept(queued.destination());
        return new IntakeReceipt(record.id(), sha, queued.status(), null);
    }

    /**
     * Rebuilds the spool of a queued file from its archived original (after a crash, or for a rerun after the
     * spool was removed), then checks that every message the ledger recorded comes out with its length and
     * SHA-256: a rerun sends exactly the bytes that were sent, or nothing.
     */
    public void rebuildSpool(FileRecord record, IntakeRoute route) throws IOException {
        BatchReader reader = new BatchReader(route.splitter());
        try (InputStream raw = archive.open(record.sha256()); Payload payload = route.opener().open(raw);
             MessageSpool.Writer out = spool.create(record.id())) {
            BatchReport r = reader.split(payload.stream(), record.originalName(), m -> out.append(m.bytes()));
            payload.finish();
            if (!r.valid() || r.messages() != record.messages()) {
                throw new SpoolRebuildException(record.id(), "it now reads as " + r.messages() + " message(s)"
                        + (r.valid() ? "" : " and is invalid (" + r.firstError() + ")") + "; the ledger has " + record.messages());
            }
            out.commit();
        } catch (PgpException | PayloadOpener.NoDecryptionKeyException e) {
            throw new SpoolRebuildException(record.id(), "decryption failed: " + e.getMessage());
        }
        List<String> mismatches = new ArrayList<>();
        IOException[] failure = {null};
        ledger.messages(record.id(), Optional.empty(), m -> {
            if (failure[0] != null || mismatches.size() > 3) {
                return;
            }
            try {
                byte[] body = spool.read(record.id(), m.bodyOffset(), m.length());
                if (!Sha256.of(body).equals(m.sha256())) {
                    mismatches.add("message " + m.seq() + " (control ID " + m.controlId() + ")");
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        if (!mismatches.isEmpty()) {
            spool.delete(record.id());
            throw new SpoolRebuildException(record.id(), "the bytes differ from what was recorded for " + String.join(", ", mismatches));
        }
        log.info("file {}: spool rebuilt from the archived original ({} messages, every one matches the ledger)", record.id(), record.messages());
    }

    /** Takes in again the files a crash left RECEIVED. */
    public int resume() throws IOException {
        int n = 0;
        for (FileRecord record : ledger.unfinishedIntake()) {
            ledger.discardStaged(record.id());
            log.info("file {} ({}) was cut short by a restart; taking it in again from the archive", record.id(), record.originalName());
            process(record, routes.apply(record.source()));
            n++;
        }
        return n;
    }

    private static void stage(MessageStager stager, MessageSpool.Writer out, SplitMessage m) throws IOException {
        long offset = out.append(m.bytes());
        var h = m.header();
        stager.add(new NewMessage(Math.toIntExact(m.seq()), m.batch(), h.controlId(), h.type(), h.sendingApplication(), h.sendingFacility(),
                m.bytes().length, Sha256.of(m.bytes()), offset));
    }

    private IntakeReceipt invalid(FileRecord record, String error) {
        ledger.markInvalid(record.id(), error);
        log.warn("file {} ({}) is INVALID: {}", record.id(), record.originalName(),
                Text.firstLine(error) + (error.contains("\n") ? " (and more)" : ""));
        return new IntakeReceipt(record.id(), record.sha256(), FileStatus.INVALID, error);
    }

    private static DecryptionRecord decryptionRecord(PgpResult r) {
        return new DecryptionRecord(
                r.signer().map(k -> k.keyId()).orElse(null),
                r.signer().map(k -> k.fingerprint()).orElse(null),
                r.summary(),
                r.warnings().isEmpty() ? null : String.join("; ", r.warnings()));
    }


    /** The archived original no longer gives the messages the ledger recorded. */
    public static final class SpoolRebuildException extends GatewayException {
        private static final long serialVersionUID = 1L;

        SpoolRebuildException(long fileId, String reason) {
            super("cannot rebuild the messages of file " + fileId + " from its archived original: " + reason);
        }
    }
}
