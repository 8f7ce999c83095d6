package org.hl7gw.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.delivery.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of journal records in one transaction:
 * <ol>
 *   <li>locks the rows of the files that get settlements, in id order (the ledger's lock order: files, then
 *       messages);</li>
 *   <li>inserts the attempts (one JDBC batch);</li>
 *   <li>settles messages (one JDBC batch of {@code UPDATE ... WHERE status = 'PENDING'}): only a row that really
 *       moved from PENDING counts, so replays and strays cannot skew the file counts;</li>
 *   <li>raises the attempt count of messages that had attempts but no settlement in this batch (one JDBC batch);</li>
 *   <li>updates each file's counts and status once, incrementally.</li>
 * </ol>
 * Then commits and forces the commit to disk (H2).
 */
public final class JournalBatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JournalBatchWriter.class);

    private static final String INSERT_ATTEMPT = "INSERT INTO attempts (message_id, file_id, attempt_no, attempted_at, outcome, "
            + "latency_micros, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String SETTLE = "UPDATE messages SET status = ?, attempts = GREATEST(attempts, ?), ack_code = ?, error = ?, "
            + "settled_at = ?, updated_at = ? WHERE id = ? AND file_id = ? AND status = 'PENDING'";
    private static final String COUNT_ATTEMPTS = "UPDATE messages SET attempts = GREATEST(attempts, ?), updated_at = ? WHERE id = ?";
    private static final String LOCK_FILE = "SELECT id FROM files WHERE id = ? FOR UPDATE";
    private static final String UPDATE_FILE = "UPDATE files SET delivered = delivered + ?, rejected = rejected + ?, "
            + "failed = failed + ?, pending = pending - ?, "
            + "status = CASE WHEN failed + ? > 0 THEN 'FAILED' WHEN pending - ? = 0 THEN 'COMPLETED' ELSE 'QUEUED' END, "
            + "finished_at = CASE WHEN pending - ? = 0 THEN COALESCE(finished_at, ?) ELSE finished_at END, "
            + "updated_at = ? WHERE id = ?";

    private final Jdbc jdbc;
    private final Clock clock;

    public JournalBatchWriter(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Writes the records (each an {@link AttemptRecord} or a {@link Settlement}, in the order they were made).
     *
     * @return how many settlements were ignored because their message was not PENDING (or not in that file)
     * @throws SQLException after rolling back: nothing of the batch was written
     */
    public int write(List<?> records) throws SQLException {
        List<AttemptRecord> attempts = new ArrayList<>();
        List<Settlement> settlements = new ArrayList<>();
        Map<Long, Integer> attemptNumbers = new HashMap<>();
        for (Object r : records) {
            if (r instanceof AttemptRecord a) {
                attempts.add(a);
                attemptNumbers.merge(a.messageId(), a.number(), Math::max);
            } else if (r instanceof Settlement s) {
                settlements.add(s);
            } else {
                throw new IllegalArgumentException("not a journal record: " + r.getClass().getName());
            }
        }
        try (Connection c = jdbc.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                int ignored = write(c, attempts, settlements, attemptNumbers, clock.instant());
                c.commit();
                jdbc.sync(c);
                return ignored;
            } catch (SQLException | RuntimeException e) {
                Jdbc.rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static int write(Connection c, List<AttemptRecord> attempts, List<Settlement> settlements,
                             Map<Long, Integer> attemptNumbers, Instant now) throws SQLException {
        TreeMap<Long, int[]> fileDeltas = new TreeMap<>();
        for (Settlement s : settlements) {
            fileDeltas.putIfAbsent(s.fileId(), new int[3]);
        }
        if (!fileDeltas.isEmpty()) {
            try (PreparedStatement lock = c.prepareStatement(LOCK_FILE)) {
                for (long fileId : fileDeltas.keySet()) {
                    lock.setLong(1, fileId);
                    lock.executeQuery().close();
                }
            }
        }
        if (!attempts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT)) {
                for (AttemptRecord a : attempts) {
                    ps.setLong(1, a.messageId());
                    ps.setLong(2, a.fileId());
                    ps.setInt(3, a.number());
                    Sql.setInstant(ps, 4, a.at());
                    ps.setString(5, a.outcome().name());
                    ps.setLong(6, Math.max(0, a.latency().toNanos() / 1000));
                    Sql.setText(ps, 7, a.detail(), 1000);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        int ignored = 0;
        Map<Long, Boolean> settled = new HashMap<>();
        if (!settlements.isEmpty()) {
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
                for (Settlement s : settlements) {
                    ps.setString(1, s.status().name());
                    ps.setInt(2, Math.max(s.attempts(), attemptNumbers.getOrDefault(s.messageId(), 0)));
                    ps.setString(3, s.ackCode() == null ? null : s.ackCode().name());
                    Sql.setText(ps, 4, s.error(), 2000);
                    Sql.setInstant(ps, 5, now);
                    Sql.setInstant(ps, 6, now);
                    ps.setLong(7, s.messageId());
                    ps.setLong(8, s.fileId());
                    ps.addBatch();
                    settled.put(s.messageId(), Boolean.TRUE);
                }
                counts = ps.executeBatch();
            }
            for (int i = 0; i < counts.length; i++) {
                Settlement s = settlements.get(i);
                if (counts[i] == 1) {
                    fileDeltas.get(s.fileId())[column(s.status())]++;
                } else if (counts[i] == 0) {
                    ignored++;
                    LOG.warn("settlement {} of message {} (file {}) ignored: the message is not PENDING in that file",
                            s.status(), s.messageId(), s.fileId());
                } else {
                    throw new SQLException("settling message " + s.messageId() + " updated " + counts[i] + " rows");
                }
            }
        }
        boolean countOnly = false;
        try (PreparedStatement ps = c.prepareStatement(COUNT_ATTEMPTS)) {
            for (Map.Entry<Long, Integer> e : attemptNumbers.entrySet()) {
                if (!settled.containsKey(e.getKey())) {
                    ps.setInt(1, e.getValue());
                    Sql.setInstant(ps, 2, now);
                    ps.setLong(3, e.getKey());
                    ps.addBatch();
                    countOnly = true;
                }
            }
            if (countOnly) {
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE_FILE)) {
            boolean any = false;
            for (Map.Entry<Long, int[]> e : fileDeltas.entrySet()) {
                int[] d = e.getValue();
                int total = d[0] + d[1] + d[2];
                if (total == 0) {
                    continue;
                }
                ps.setInt(1, d[0]);
                ps.setInt(2, d[1]);
                ps.setInt(3, d[2]);
                ps.setInt(4, total);
                ps.setInt(5, d[2]);
                ps.setInt(6, total);
                ps.setInt(7, total);
                Sql.setInstant(ps, 8, now);
                Sql.setInstant(ps, 9, now);
                ps.setLong(10, e.getKey());
                ps.addBatch();
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
        return ignored;
    }

    private static int column(MessageStatus status) {
        return switch (status) {
            case DELIVERED -> 0;
            case REJECTED -> 1;
            case FAILED -> 2;
            case PENDING -> throw new IllegalArgumentException("a settlement is never PENDING");
        };
    }
}
