package org.hl7gw.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.delivery.QueuePosition;
import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.port.DeliveryQueue;
import org.hl7gw.ledger.internal.FileRows;
import org.hl7gw.ledger.internal.Jdbc;
import org.hl7gw.ledger.internal.JdbcMessageStager;
import org.hl7gw.ledger.internal.Rows;
import org.hl7gw.ledger.internal.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in plain JDBC, for H2 and (later) PostgreSQL, and the lanes' {@link DeliveryQueue}. Thread-safe:
 * every call borrows a pooled connection for its own transaction. Errors and locks per method: see
 * {@link Ledger}.
 */
public final class JdbcLedger implements Ledger, DeliveryQueue {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLedger.class);

    private static final Set<FileStatus> RECEIVED = EnumSet.of(FileStatus.RECEIVED);
    private static final Set<FileStatus> RERUNNABLE = EnumSet.of(FileStatus.QUEUED, FileStatus.COMPLETED, FileStatus.FAILED);
    private static final String RERUN_HINT = "INVALID files are reprocessed from the archive, DUPLICATE files are "
            + "copies of an earlier file, RECEIVED files are still being taken in";
    /*
     * Pitfall: H2 reads an index in order (and stops at FETCH FIRST) only when ORDER BY names the index's leading
     * columns, even those fixed by the WHERE clause. "WHERE file_id = ? ORDER BY seq" sorts every remaining row of
     * the file (quadratic over pages of a million-message file); "ORDER BY file_id, seq" walks the unique index.
     * The queries below are written that way on purpose; H2LedgerTest checks the plans.
     */
    private static final int MESSAGE_PAGE = 1000;
    private static final int LANE_FILE_PAGE = 50;

    /** Files with work for a lane, from a file id on. Parameters: destination, first file id. */
    static final String LANE_FILES_SQL = "SELECT id FROM files WHERE status IN ('QUEUED', 'FAILED') AND destination = ? "
            + "AND pending > 0 AND id >= ? ORDER BY id FETCH FIRST " + LANE_FILE_PAGE + " ROWS ONLY";
    /** PENDING messages of one file after a seq. Parameters: file id, seq, limit. */
    static final String LANE_MESSAGES_SQL = "SELECT id, seq, control_id, attempts, length, body_offset, sha256 FROM messages "
            + "WHERE file_id = ? AND seq > ? AND status = 'PENDING' ORDER BY file_id, seq FETCH FIRST ? ROWS ONLY";
    /** A page of a file's messages. Parameters: file id, seq. */
    static final String MESSAGE_PAGE_SQL = "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE file_id = ? "
            + "AND seq > ? ORDER BY file_id, seq FETCH FIRST " + MESSAGE_PAGE + " ROWS ONLY";
    /** A page of a file's messages in one status. Parameters: file id, seq, status. */
    static final String MESSAGE_PAGE_IN_STATUS_SQL = "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE file_id = ? "
            + "AND seq > ? AND status = ? ORDER BY file_id, seq FETCH FIRST " + MESSAGE_PAGE + " ROWS ONLY";
    /** A file's latest attempts. Parameters: file id, limit. */
    static final String RECENT_ATTEMPTS_SQL = "SELECT " + Rows.ATTEMPT_COLUMNS + " FROM attempts a JOIN messages m "
            + "ON m.id = a.message_id WHERE a.file_id = ? ORDER BY a.file_id DESC, a.id DESC FETCH FIRST ? ROWS ONLY";
    private static final int ID_MAX = 200;

    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcLedger(LedgerDatabase database) {
        this(database, Clock.systemUTC());
    }

    public JdbcLedger(LedgerDatabase database, Clock clock) {
        this.jdbc = database.jdbc();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---------------------------------------------------------------- intake

    @Override
    public FileRecord receive(NewFile file) {
        requireId("source id", file.source().id());
        requireId("destination", file.destination());
        return jdbc.inTransaction("record received file " + file.originalName(), c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO files (source_kind, source_id, original_name, size, sha256, "
                    + "received_at, status, destination, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?)",
                    jdbc.dialect().generatedKeyColumns())) {
                ps.setString(1, file.source().kind().label());
                ps.setString(2, file.source().id());
                ps.setString(3, Sql.clip(file.originalName(), 1000));
                ps.setLong(4, file.size());
                ps.setString(5, file.sha256().hex());
                Sql.setInstant(ps, 6, file.receivedAt());
                ps.setString(7, file.destination());
                Sql.setInstant(ps, 8, clock.instant());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no id was generated for the new file row");
                    }
                    id = keys.getLong(1);
                }
            }
            FileRecord row = FileRows.require(c, id);
            LOG.info("file {} RECEIVED from {}: {} ({} bytes, sha256 {})", id, file.source(), file.originalName(),
                    file.size(), file.sha256().shortForm());
            return row;
        });
    }

    @Override
    public Optional<FileRecord> earlierCopy(FileSource source, Sha256 sha256, long fileId) {
        return jdbc.read("look for an earlier copy of file " + fileId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.FILE_COLUMNS + " FROM files "
                    + "WHERE source_kind = ? AND source_id = ? AND sha256 = ? AND id < ? AND status <> 'DUPLICATE' "
                    + "ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, source.kind().label());
                ps.setString(2, source.id());
                ps.setString(3, sha256.hex());
                ps.setLong(4, fileId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.file(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void markDuplicate(long fileId, long originalFileId) {
        if (fileId == originalFileId) {
            throw new IllegalArgumentException("file " + fileId + " cannot be a duplicate of itself");
        }
        jdbc.inTransaction("mark file " + fileId + " a duplicate of " + originalFileId, c -> {
            FileRows.lockIn(c, fileId, "mark duplicate", RECEIVED, null);
            FileRows.require(c, originalFileId);
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE files SET status = 'DUPLICATE', duplicate_of = ?, finished_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setLong(1, originalFileId);
                Sql.setInstant(ps, 2, now);
                Sql.setInstant(ps, 3, now);
                ps.setLong(4, fileId);
                ps.executeUpdate();
            }
            return null;
        });
        LOG.info("file {} DUPLICATE of file {}", fileId, originalFileId);
    }

    @Override
    public void markInvalid(long fileId, String error) {
        Objects.requireNonNull(error, "error");
        deleteStagedRows(fileId, "mark invalid");
        jdbc.inTransaction("mark file " + fileId + " invalid", c -> {
            FileRows.lockIn(c, fileId, "mark invalid", RECEIVED, null);
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE files SET status = 'INVALID', error = ?, finished_at = ?, updated_at = ? WHERE id = ?")) {
                Sql.setText(ps, 1, error, 4000);
                Sql.setInstant(ps, 2, now);
                Sql.setInstant(ps, 3, now);
                ps.setLong(4, fileId);
                ps.executeUpdate();
            }
            return null;
        });
        LOG.info("file {} INVALID: {}", fileId, error);
    }

    @Override
    public void recordDecryption(long fileId, DecryptionRecord d) {
        Objects.requireNonNull(d, "decryption");
        jdbc.inTransaction("record decryption of file " + fileId, c -> {
            FileRows.lockIn(c, fileId, "record decryption of", RECEIVED, null);
            try (PreparedStatement ps = c.prepareStatement("UPDATE files SET pgp_signer_key_id = ?, pgp_signer_fingerprint = ?, "
                    + "pgp_details = ?, pgp_warning = ?, updated_at = ? WHERE id = ?")) {
                Sql.setText(ps, 1, d.signerKeyId(), 64);
                Sql.setText(ps, 2, d.signerFingerprint(), 128);
                Sql.setText(ps, 3, d.details(), 1000);
                Sql.setText(ps, 4, d.warning(), 1000);
                Sql.setInstant(ps, 5, clock.instant());
                ps.setLong(6, fileId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public MessageStager stage(long fileId) {
        deleteStagedRows(fileId, "stage messages for");
        return new JdbcMessageStager(jdbc, clock, fileId);
    }

    @Override
    public int discardStaged(long fileId) {
        return deleteStagedRows(fileId, "discard staged messages of");
    }

    /**
     * Deletes a RECEIVED file's message rows in committed chunks, checking (and locking) the file's status in
     * each chunk's transaction so that a file that moved on is never touched.
     */
    private int deleteStagedRows(long fileId, String operation) {
        int maxSeq = jdbc.inTransaction(operation + " file " + fileId, c -> {
            FileRows.lockIn(c, fileId, operation, RECEIVED, null);
            return FileRows.maxSeq(c, fileId);
        });
        int deleted = 0;
        for (int from = 0; from < maxSeq; from += FileRows.DELETE_CHUNK) {
            int lower = from;
            deleted += jdbc.inTransaction(operation + " file " + fileId, c -> {
                FileRows.lockIn(c, fileId, operation, RECEIVED, null);
                return FileRows.deleteMessages(c, fileId, lower, lower + FileRows.DELETE_CHUNK);
            });
        }
        if (deleted > 0) {
            LOG.info("file {}: deleted {} staged messages ({})", fileId, deleted, operation);
        }
        return deleted;
    }

    @Override
    public List<FileRecord> unfinishedIntake() {
        return jdbc.read("list unfinished intake", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.FILE_COLUMNS + " FROM files WHERE status = 'RECEIVED' ORDER BY id")) {
                return fileList(ps);
            }
        });
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<FileRecord> file(long fileId) {
        return jdbc.read("read file " + fileId, c -> FileRows.read(c, fileId));
    }

    @Override
    public List<FileRecord> files(FileQuery query) {
        String where = query.status().isPresent() ? " WHERE status = ?" : "";
        String order = query.newestFirst() ? " ORDER BY id DESC" : " ORDER BY id";
        return jdbc.read("list files", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.FILE_COLUMNS + " FROM files" + where + order
                    + " FETCH FIRST ? ROWS ONLY")) {
                int i = 1;
                if (query.status().isPresent()) {
                    ps.setString(i++, query.status().get().name());
                }
                ps.setInt(i, query.limit());
                return fileList(ps);
            }
        });
    }

    private static List<FileRecord> fileList(PreparedStatement ps) throws SQLException {
        List<FileRecord> files = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                files.add(Rows.file(rs));
            }
        }
        return files;
    }

    @Override
    public Map<FileStatus, Long> fileCounts() {
        return jdbc.read("count files", c -> {
            Map<FileStatus, Long> counts = new EnumMap<>(FileStatus.class);
            for (FileStatus s : FileStatus.values()) {
                counts.put(s, 0L);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM files GROUP BY status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(FileStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public void messages(long fileId, Optional<MessageStatus> status, Consumer<MessageRecord> sink) {
        Objects.requireNonNull(sink, "sink");
        String sql = status.isPresent() ? MESSAGE_PAGE_IN_STATUS_SQL : MESSAGE_PAGE_SQL;
        int after = 0;
        while (true) {
            int from = after;
            List<MessageRecord> page = jdbc.read("list messages of file " + fileId, c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, fileId);
                    ps.setInt(2, from);
                    if (status.isPresent()) {
                        ps.setString(3, status.get().name());
                    }
                    List<MessageRecord> rows = new ArrayList<>(MESSAGE_PAGE);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(Rows.message(rs));
                        }
                    }
                    return rows;
                }
            });
            page.forEach(sink);
            if (page.size() < MESSAGE_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    @Override
    public Optional<MessageRecord> message(long messageId) {
        return jdbc.read("read message " + messageId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE id = ?")) {
                ps.setLong(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.message(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Map<MessageStatus, Long> messageCounts(long fileId) {
        return jdbc.read("count messages of file " + fileId, c -> FileRows.countMessages(c, fileId));
    }

    @Override
    public List<AttemptView> recentAttempts(long fileId, int limit) {
        if (limit < 1 || limit > FileQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + FileQuery.MAX_LIMIT + ", got " + limit);
        }
        return jdbc.read("list attempts of file " + fileId, c -> {
            try (PreparedStatement ps = c.prepareStatement(RECENT_ATTEMPTS_SQL)) {
                ps.setLong(1, fileId);
                ps.setInt(2, limit);
                return attemptList(ps);
            }
        });
    }

    @Override
    public List<AttemptView> attempts(long messageId) {
        return jdbc.read("list attempts of message " + messageId, c -> {
            long fileId;
            try (PreparedStatement ps = c.prepareStatement("SELECT file_id FROM messages WHERE id = ?")) {
                ps.setLong(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return List.of();
                    }
                    fileId = rs.getLong(1);
                }
            }
            // attempts_file_idx narrows it to the file; there is no per-message index (see V1)
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.ATTEMPT_COLUMNS + " FROM attempts a "
                    + "JOIN messages m ON m.id = a.message_id WHERE a.file_id = ? AND a.message_id = ? ORDER BY a.attempt_no, a.id")) {
                ps.setLong(1, fileId);
                ps.setLong(2, messageId);
                return attemptList(ps);
            }
        });
    }

    private static List<AttemptView> attemptList(PreparedStatement ps) throws SQLException {
        List<AttemptView> attempts = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                attempts.add(Rows.attempt(rs));
            }
        }
        return attempts;
    }

    // ---------------------------------------------------------------- lanes

    /**
     * PENDING messages of QUEUED or FAILED files addressed to the destination, strictly after {@code after} in
     * (file id, seq) order, at most {@code limit}. FAILED files are included: with on-failure=continue the rest
     * of a file whose message failed is still sent. Walks the files with work ({@code pending > 0}, 50 at a
     * time) in id order, then each file's messages along the unique (file_id, seq) index from the position,
     * keeping PENDING ones until {@code limit} are found. The cost is the rows returned plus the settled rows
     * passed over on the way, which is nothing in steady state (the lane asks from its last position) and one
     * walk over a file's settled rows after a restart or a rerun. Files with nothing pending are never read.
     * Locks: none.
     */
    @Override
    public List<OutboundMessage> pending(String destination, QueuePosition after, int limit) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return jdbc.read("list pending messages for " + destination, c -> {
            List<OutboundMessage> out = new ArrayList<>(Math.min(limit, 1024));
            try (PreparedStatement files = c.prepareStatement(LANE_FILES_SQL);
                 PreparedStatement messages = c.prepareStatement(LANE_MESSAGES_SQL)) {
                long fromFile = Math.max(after.fileId(), 0);
                while (out.size() < limit) {
                    List<Long> ids = new ArrayList<>(LANE_FILE_PAGE);
                    files.setString(1, destination);
                    files.setLong(2, fromFile);
                    try (ResultSet rs = files.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    for (long fileId : ids) {
                        messages.setLong(1, fileId);
                        messages.setInt(2, fileId == after.fileId() ? after.seq() : 0);
                        messages.setInt(3, limit - out.size());
                        try (ResultSet rs = messages.executeQuery()) {
                            while (rs.next()) {
                                out.add(new OutboundMessage(rs.getLong(1), fileId, rs.getInt(2), new ControlId(rs.getString(3)),
                                        rs.getInt(4), rs.getInt(5), rs.getLong(6), new Sha256(rs.getString(7))));
                            }
                        }
                        if (out.size() >= limit) {
                            break;
                        }
                    }
                    if (ids.size() < LANE_FILE_PAGE) {
                        break;
                    }
                    fromFile = ids.get(ids.size() - 1) + 1;
                }
            }
            return out;
        });
    }

    @Override
    public Optional<LaneHalt> halt(String destination) {
        return jdbc.read("read the halt of " + destination, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT destination, halted_at, file_id, message_id, reason FROM lanes WHERE destination = ? AND halted = TRUE")) {
                ps.setString(1, destination);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(laneHalt(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<LaneHalt> halts() {
        return jdbc.read("list halted lanes", c -> {
            List<LaneHalt> halts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT destination, halted_at, file_id, message_id, reason FROM lanes WHERE halted = TRUE ORDER BY destination");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    halts.add(laneHalt(rs));
                }
            }
            return halts;
        });
    }

    private static LaneHalt laneHalt(ResultSet rs) throws SQLException {
        String reason = rs.getString("reason");
        return new LaneHalt(rs.getString("destination"), Sql.getInstant(rs, "halted_at"), rs.getLong("file_id"),
                rs.getLong("message_id"), reason == null ? "" : reason);
    }

    @Override
    public void recordHalt(LaneHalt halt) {
        requireId("destination", halt.destination());
        jdbc.inTransaction("record the halt of " + halt.destination(), c -> {
            try (PreparedStatement ps = c.prepareStatement(jdbc.dialect().upsertLaneHaltSql())) {
                ps.setString(1, halt.destination());
                Sql.setInstant(ps, 2, halt.since());
                ps.setLong(3, halt.fileId());
                ps.setLong(4, halt.messageId());
                Sql.setText(ps, 5, halt.reason(), 2000);
                Sql.setInstant(ps, 6, clock.instant());
                ps.executeUpdate();
            }
            return null;
        });
        LOG.warn("lane {} HALTED at file {} message {}: {}", halt.destination(), halt.fileId(), halt.messageId(), halt.reason());
    }

    @Override
    public boolean clearHalt(String destination) {
        boolean cleared = jdbc.inTransaction("resume " + destination, c -> clearHalt(c, destination, null));
        if (cleared) {
            LOG.info("lane {} resumed", destination);
        }
        return cleared;
    }

    private boolean clearHalt(Connection c, String destination, Long causedByFile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lanes SET halted = FALSE, updated_at = ? WHERE destination = ? AND halted = TRUE"
                + (causedByFile == null ? "" : " AND file_id = ?"))) {
            Sql.setInstant(ps, 1, clock.instant());
            ps.setString(2, destination);
            if (causedByFile != null) {
                ps.setLong(3, causedByFile);
            }
            return ps.executeUpdate() > 0;
        }
    }

    @Override
    public List<String> destinationsWithWork() {
        return jdbc.read("list destinations with work", c -> {
            List<String> destinations = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT destination FROM files "
                    + "WHERE status IN ('QUEUED', 'FAILED') AND pending > 0 ORDER BY destination");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    destinations.add(rs.getString(1));
                }
            }
            return destinations;
        });
    }

    // ---------------------------------------------------------------- operations

    @Override
    public RerunResult prepareRerun(long fileId, boolean includeRejected, Optional<String> newDestination) {
        newDestination.ifPresent(d -> requireId("destination", d));
        RerunResult result = jdbc.inTransaction("rerun file " + fileId, c -> {
            FileRows.Locked file = FileRows.lockIn(c, fileId, "rerun", RERUNNABLE, RERUN_HINT);
            Instant now = clock.instant();
            int reset;
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET status = 'PENDING', settled_at = NULL, updated_at = ? "
                    + "WHERE file_id = ? AND status IN " + (includeRejected ? "('FAILED', 'REJECTED')" : "('FAILED')"))) {
                Sql.setInstant(ps, 1, now);
                ps.setLong(2, fileId);
                reset = ps.executeUpdate();
            }
            Map<MessageStatus, Long> counts = FileRows.countMessages(c, fileId);
            int total = (int) counts.values().stream().mapToLong(Long::longValue).sum();
            if (total != file.messages()) {
                LOG.warn("file {}: the ledger counted {} messages but has {} rows; the counts are set from the rows",
                        fileId, file.messages(), total);
            }
            int pending = counts.get(MessageStatus.PENDING).intValue();
            int failed = counts.get(MessageStatus.FAILED).intValue();
            FileStatus status = FileRows.statusFor(failed, pending);
            String destination = newDestination.orElse(file.destination());
            try (PreparedStatement ps = c.prepareStatement("UPDATE files SET messages = ?, delivered = ?, rejected = ?, failed = ?, "
                    + "pending = ?, status = ?, destination = ?, finished_at = CASE WHEN ? = 0 THEN COALESCE(finished_at, ?) END, "
                    + "updated_at = ? WHERE id = ?")) {
                ps.setInt(1, total);
                ps.setInt(2, counts.get(MessageStatus.DELIVERED).intValue());
                ps.setInt(3, counts.get(MessageStatus.REJECTED).intValue());
                ps.setInt(4, failed);
                ps.setInt(5, pending);
                ps.setString(6, status.name());
                ps.setString(7, destination);
                ps.setInt(8, pending);
                Sql.setInstant(ps, 9, now);
                Sql.setInstant(ps, 10, now);
                ps.setLong(11, fileId);
                ps.executeUpdate();
            }
            List<String> cleared = new ArrayList<>(2);
            if (clearHalt(c, destination, null)) {
                cleared.add(destination);
            }
            if (!destination.equals(file.destination()) && clearHalt(c, file.destination(), fileId)) {
                cleared.add(file.destination());
            }
            return new RerunResult(fileId, reset, pending, status, destination, cleared);
        });
        LOG.info("file {} rerun: {} messages reset, {} pending, now {} for {}{}", fileId, result.reset(), result.pending(),
                result.status(), result.destination(), result.haltsCleared().isEmpty() ? "" : ", resumed " + result.haltsCleared());
        return result;
    }

    @Override
    public void resetForReprocessing(long fileId) {
        Set<FileStatus> invalid = EnumSet.of(FileStatus.INVALID);
        jdbc.inTransaction("reset file " + fileId + " for reprocessing", c -> {
            FileRows.lockIn(c, fileId, "reset for reprocessing", invalid, "rerun applies to the others");
            FileRows.deleteMessages(c, fileId, 0, Integer.MAX_VALUE);
            try (PreparedStatement ps = c.prepareStatement("UPDATE files SET status = 'RECEIVED', error = NULL, warnings = NULL, "
                    + "batches = 0, messages = 0, delivered = 0, rejected = 0, failed = 0, pending = 0, duplicate_of = NULL, "
                    + "pgp_signer_key_id = NULL, pgp_signer_fingerprint = NULL, pgp_details = NULL, pgp_warning = NULL, "
                    + "finished_at = NULL, updated_at = ? WHERE id = ?")) {
                Sql.setInstant(ps, 1, clock.instant());
                ps.setLong(2, fileId);
                ps.executeUpdate();
            }
            return null;
        });
        LOG.info("file {} reset to RECEIVED for reprocessing", fileId);
    }

    private static void requireId(String what, String value) {
        if (value.isBlank() || value.length() > ID_MAX) {
            throw new IllegalArgumentException(what + " must be 1 to " + ID_MAX + " characters, got " + value.length());
        }
    }
}
