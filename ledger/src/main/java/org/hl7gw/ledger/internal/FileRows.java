package org.hl7gw.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.FileStateException;
import org.hl7gw.ledger.UnknownFileException;

/** Statements on one file's rows, shared by the ledger and the stager. All run on the caller's connection. */
public final class FileRows {
    /** Message rows deleted per committed chunk. */
    public static final int DELETE_CHUNK = 10_000;

    private FileRows() {
    }

    /** A file row locked for update: what the write operations decide on. */
    public record Locked(long id, FileStatus status, String destination, int messages) {
    }

    /**
     * Locks the file row ({@code SELECT ... FOR UPDATE}) until the transaction ends. Every write to a file takes
     * this lock before touching its message rows.
     *
     * @throws UnknownFileException when there is no such file
     */
    public static Locked lock(Connection c, long fileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, status, destination, messages FROM files WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownFileException(fileId);
                }
                return new Locked(rs.getLong(1), FileStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4));
            }
        }
    }

    /** Locks the file and checks that its status allows the operation. */
    public static Locked lockIn(Connection c, long fileId, String operation, Set<FileStatus> allowed, String hint) throws SQLException {
        Locked f = lock(c, fileId);
        if (!allowed.contains(f.status())) {
            throw new FileStateException(fileId, f.status(), operation, allowed, hint);
        }
        return f;
    }

    public static Optional<FileRecord> read(Connection c, long fileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.FILE_COLUMNS + " FROM files WHERE id = ?")) {
            ps.setLong(1, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.file(rs)) : Optional.empty();
            }
        }
    }

    public static FileRecord require(Connection c, long fileId) throws SQLException {
        return read(c, fileId).orElseThrow(() -> new UnknownFileException(fileId));
    }

    /** Counts a file's message rows by status; every status is present. */
    public static Map<MessageStatus, Long> countMessages(Connection c, long fileId) throws SQLException {
        Map<MessageStatus, Long> counts = new EnumMap<>(MessageStatus.class);
        for (MessageStatus s : MessageStatus.values()) {
            counts.put(s, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM messages WHERE file_id = ? GROUP BY status")) {
            ps.setLong(1, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(MessageStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** How many message rows the file has (walks the (file_id, seq) index, not the rows). */
    public static long countRows(Connection c, long fileId) throws SQLException {
        return longOf(c, "SELECT COUNT(*) FROM messages WHERE file_id = ?", fileId);
    }

    /** The highest message seq of a file, 0 when it has none. */
    public static int maxSeq(Connection c, long fileId) throws SQLException {
        return (int) longOf(c, "SELECT MAX(seq) FROM messages WHERE file_id = ?", fileId);
    }

    /** The one number a query about one file gives (0 for SQL NULL). */
    private static long longOf(Connection c, String query, long fileId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setLong(1, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Deletes one chunk of a file's message rows, those with {@code from < seq <= to}, and their attempts.
     *
     * @return rows deleted
     */
    public static int deleteMessages(Connection c, long fileId, int from, int to) throws SQLException {
        try (PreparedStatement a = c.prepareStatement(
                "DELETE FROM attempts WHERE file_id = ? AND message_id IN (SELECT id FROM messages WHERE file_id = ? AND seq > ? AND seq <= ?)");
             PreparedStatement m = c.prepareStatement("DELETE FROM messages WHERE file_id = ? AND seq > ? AND seq <= ?")) {
            a.setLong(1, fileId);
            a.setLong(2, fileId);
            a.setInt(3, from);
            a.setInt(4, to);
            a.executeUpdate();
            m.setLong(1, fileId);
            m.setInt(2, from);
            m.setInt(3, to);
            return m.executeUpdate();
        }
    }

    /** The file status rule after settlements: FAILED if any failed, else COMPLETED if none pending, else QUEUED. */
    public static FileStatus statusFor(long failed, long pending) {
        if (failed > 0) {
            return FileStatus.FAILED;
        }
        return pending == 0 ? FileStatus.COMPLETED : FileStatus.QUEUED;
    }
}
