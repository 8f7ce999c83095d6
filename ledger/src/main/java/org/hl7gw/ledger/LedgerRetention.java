package org.hl7gw.ledger;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.core.Sha256;
import org.hl7gw.ledger.archive.Archive;
import org.hl7gw.ledger.internal.Jdbc;
import org.hl7gw.ledger.internal.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention: forgets finished files older than a cut-off (their rows, their messages and attempts, and their
 * archived originals once no remaining file needs them). Only files that are done are touched: COMPLETED,
 * INVALID, DUPLICATE, or FAILED with nothing left pending, finished before the cut-off. Files are removed in
 * chunks, each in its own transaction.
 */
public final class LedgerRetention {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerRetention.class);
    private static final int CHUNK = 200;

    private final Jdbc jdbc;
    private final Archive archive;

    public LedgerRetention(LedgerDatabase database, Archive archive) {
        this.jdbc = database.jdbc();
        this.archive = archive;
    }

    /** The outcome of one purge. */
    public record Purged(int files, int archivedOriginals) {
    }

    public Purged purgeFinishedBefore(Instant cutoff) throws IOException {
        int files = 0;
        int originals = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            List<Sha256> shas = new ArrayList<>();
            jdbc.read("find files to purge", c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT id, sha256 FROM files WHERE finished_at < ? AND pending = 0 "
                        + "AND status IN ('COMPLETED', 'INVALID', 'DUPLICATE', 'FAILED') ORDER BY id FETCH FIRST " + CHUNK + " ROWS ONLY")) {
                    Sql.setInstant(st, 1, cutoff);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            shas.add(new Sha256(rs.getString(2)));
                        }
                    }
                }
                return null;
            });
            if (ids.isEmpty()) {
                break;
            }
            jdbc.inTransaction("purge " + ids.size() + " files", c -> {
                for (long id : ids) {
                    try (PreparedStatement a = c.prepareStatement("DELETE FROM attempts WHERE file_id = ?");
                         PreparedStatement m = c.prepareStatement("DELETE FROM messages WHERE file_id = ?");
                         PreparedStatement d = c.prepareStatement("UPDATE files SET duplicate_of = NULL WHERE duplicate_of = ?");
                         PreparedStatement f = c.prepareStatement("DELETE FROM files WHERE id = ?")) {
                        a.setLong(1, id);
                        a.executeUpdate();
                        m.setLong(1, id);
                        m.executeUpdate();
                        d.setLong(1, id);
                        d.executeUpdate();
                        f.setLong(1, id);
                        f.executeUpdate();
                    }
                }
                return null;
            });
            files += ids.size();
            for (Sha256 sha : shas) {
                boolean stillNeeded = jdbc.read("is " + sha.shortForm() + " still needed", c -> {
                    try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM files WHERE sha256 = ? FETCH FIRST 1 ROWS ONLY")) {
                        st.setString(1, sha.hex());
                        try (ResultSet rs = st.executeQuery()) {
                            return rs.next();
                        }
                    }
                });
                if (!stillNeeded && archive.delete(sha)) {
                    originals++;
                }
            }
        }
        if (files > 0) {
            LOG.info("retention: forgot {} file(s) finished before {} and deleted {} archived original(s)", files, cutoff, originals);
        }
        return new Purged(files, originals);
    }
}
