package org.hl7gw.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.FileStateException;
import org.hl7gw.ledger.LedgerException;
import org.hl7gw.ledger.MessageStager;
import org.hl7gw.ledger.NewMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts a file's message rows in JDBC batches of {@link MessageStager#CHUNK}, committing each, on one pooled
 * connection held until the stager ends. Memory: one batch of bound parameters.
 */
public final class JdbcMessageStager implements MessageStager {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageStager.class);
    private static final Set<FileStatus> RECEIVED = Set.of(FileStatus.RECEIVED);

    private enum State { OPEN, QUEUED, DISCARDED }

    private final Jdbc jdbc;
    private final long fileId;
    /** When the rows were created, as bound to every row: converted once. */
    private final Object createdAt;
    private final Clock clock;
    private Connection connection;
    private PreparedStatement insert;
    private State state = State.OPEN;
    private int count;
    private int batched;

    public JdbcMessageStager(Jdbc jdbc, Clock clock, long fileId) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.fileId = fileId;
        this.createdAt = Sql.timestamp(clock.instant());
        try {
            connection = jdbc.dataSource().getConnection();
            connection.setAutoCommit(false);
            insert = connection.prepareStatement("INSERT INTO messages (file_id, seq, batch_no, control_id, message_type, "
                    + "sending_application, sending_facility, status, attempts, created_at, updated_at, length, sha256, body_offset) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?)");
        } catch (SQLException e) {
            release();
            throw failure("start staging", e);
        }
    }

    @Override
    public void add(NewMessage m) {
        requireOpen();
        if (m.seq() != count + 1) {
            throw new IllegalArgumentException("file " + fileId + ": expected message seq " + (count + 1) + ", got " + m.seq());
        }
        try {
            insert.setLong(1, fileId);
            insert.setInt(2, m.seq());
            insert.setInt(3, m.batchNo());
            insert.setString(4, m.controlId().value());
            insert.setString(5, m.messageType());
            insert.setString(6, m.sendingApplication());
            insert.setString(7, m.sendingFacility());
            insert.setObject(8, createdAt);
            insert.setObject(9, createdAt);
            insert.setInt(10, m.length());
            insert.setString(11, m.sha256().hex());
            insert.setLong(12, m.bodyOffset());
            insert.addBatch();
            count++;
            if (++batched == CHUNK) {
                writeBatch();
            }
        } catch (SQLException e) {
            throw failure("stage message " + m.seq() + " (control ID " + m.controlId() + ")", e);
        }
    }

    private void writeBatch() throws SQLException {
        if (batched > 0) {
            insert.executeBatch();
            connection.commit();
            batched = 0;
        }
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public FileRecord queue(int batches, List<String> warnings) {
        requireOpen();
        if (batches < 0) {
            throw new IllegalArgumentException("batches cannot be negative: " + batches);
        }
        try {
            writeBatch();
            FileRows.lockIn(connection, fileId, "queue", RECEIVED, null);
            int rows = FileRows.maxSeq(connection, fileId);
            long stored = FileRows.countRows(connection, fileId);
            if (rows != count || stored != count) {
                throw new LedgerException("file " + fileId + ": " + count + " messages staged but " + stored
                        + " rows found (highest seq " + rows + "); not queued");
            }
            Instant now = clock.instant();
            FileStatus status = FileRows.statusFor(0, count);
            try (PreparedStatement ps = connection.prepareStatement("UPDATE files SET status = ?, batches = ?, messages = ?, "
                    + "delivered = 0, rejected = 0, failed = 0, pending = ?, warnings = ?, finished_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setInt(2, batches);
                ps.setInt(3, count);
                ps.setInt(4, count);
                Sql.setText(ps, 5, warnings == null || warnings.isEmpty() ? null : String.join("\n", warnings), 4000);
                Sql.setInstant(ps, 6, count == 0 ? now : null);
                Sql.setInstant(ps, 7, now);
                ps.setLong(8, fileId);
                ps.executeUpdate();
            }
            connection.commit();
            jdbc.sync(connection);
            state = State.QUEUED;
            FileRecord file = FileRows.require(connection, fileId);
            LOG.info("file {} {}: {} messages in {} batches for {}", fileId, status, count, batches, file.destination());
            return file;
        } catch (SQLException e) {
            Jdbc.rollbackQuietly(connection, e);
            throw failure("queue", e);
        } catch (RuntimeException e) {
            Jdbc.rollbackQuietly(connection, e);
            throw e;
        } finally {
            if (state == State.QUEUED) {
                release();
            }
        }
    }

    @Override
    public void discard() {
        if (state != State.OPEN) {
            return;
        }
        try {
            insert.clearBatch();
            batched = 0;
            connection.rollback();
            int deleted = 0;
            for (int from = 0; from < count; from += FileRows.DELETE_CHUNK) {
                // only while the file is still RECEIVED: if it moved on (marked invalid, or staged and queued
                // again by another stager) its rows are no longer this stager's to delete
                FileStatus status = FileRows.lock(connection, fileId).status();
                if (status != FileStatus.RECEIVED) {
                    LOG.debug("file {} is {}: its rows are left alone", fileId, status);
                    break;
                }
                deleted += FileRows.deleteMessages(connection, fileId, from, from + FileRows.DELETE_CHUNK);
                connection.commit();
            }
            connection.commit();
            state = State.DISCARDED;
            LOG.info("file {}: discarded {} staged messages", fileId, deleted);
        } catch (SQLException e) {
            Jdbc.rollbackQuietly(connection, e);
            throw failure("discard staged messages", e);
        } finally {
            if (state == State.DISCARDED) {
                release();
            }
        }
    }

    @Override
    public void close() {
        if (state == State.OPEN && connection != null) {
            try {
                discard();
            } catch (LedgerException e) {
                LOG.warn("file {}: staged messages could not be discarded ({}); they are deleted when it is staged again "
                        + "or by discardStaged", fileId, e.getMessage());
            }
        }
        state = state == State.OPEN ? State.DISCARDED : state;
        release();
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("file " + fileId + ": the stager is " + state.name().toLowerCase());
        }
    }

    private LedgerException failure(String what, SQLException e) {
        return new LedgerException("file " + fileId + ": cannot " + what + ": " + Jdbc.describe(e), e);
    }

    private void release() {
        try {
            if (insert != null) {
                insert.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the staging statement failed", e);
        }
        insert = null;
        if (connection != null) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException e) {
                LOG.debug("releasing the staging connection failed", e);
            }
            connection = null;
        }
    }
}
