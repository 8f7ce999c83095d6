package org.hl7gw.gateway.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.gateway.config.PartnerConfig;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows partners' files until their fate is known and then writes their results to the outbox: at once
 * for INVALID and DUPLICATE files, when every message is settled for the others, and also when a file turns
 * FAILED behind a halted lane (rewritten once a rerun settles it).
 */
final class ResultWatcher {
    private static final Logger log = LoggerFactory.getLogger(ResultWatcher.class);

    private final Ledger ledger;
    private final PartnerResults results;
    private final Map<Long, Watched> watched = new ConcurrentHashMap<>();

    private record Watched(PartnerConfig partner, FileStatus lastWritten) {
    }

    ResultWatcher(Ledger ledger, PartnerResults results) {
        this.ledger = ledger;
        this.results = results;
    }

    void watch(PartnerConfig partner, long fileId) {
        watched.put(fileId, new Watched(partner, null));
        check(fileId);
    }

    /** Writes the results of files whose fate changed; called periodically. */
    void tick() {
        for (Long id : watched.keySet()) {
            check(id);
        }
    }

    private void check(long fileId) {
        Watched w = watched.get(fileId);
        if (w == null) {
            return;
        }
        Optional<FileRecord> f = ledger.file(fileId);
        if (f.isEmpty()) {
            watched.remove(fileId);
            return;
        }
        FileRecord r = f.get();
        boolean done = r.status() == FileStatus.INVALID || r.status() == FileStatus.DUPLICATE || (r.status() != FileStatus.RECEIVED && r.settled());
        boolean halted = r.status() == FileStatus.FAILED && !r.settled() && w.lastWritten() != FileStatus.FAILED;
        if (!done && !halted) {
            return;
        }
        try {
            results.write(w.partner(), fileId);
            log.info("file {}: result for {} written to the outbox of {} ({})", fileId, r.originalName(), w.partner().id(), r.status());
            if (done) {
                watched.remove(fileId);
            } else {
                watched.put(fileId, new Watched(w.partner(), r.status()));
            }
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("file {}: cannot write its result to the outbox of {}: {}", fileId, w.partner().id(), e.toString());
        }
    }
}
