package org.hl7gw.ledger.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.hl7gw.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work on pooled connections: write transactions (committed, then forced to disk where the
 * dialect needs it) and reads. SQL errors become {@link LedgerException}s naming the operation; the ledger's
 * own typed exceptions pass through after a rollback.
 */
public final class Jdbc {
    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

    /** Work that needs a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final AtomicBoolean syncWarned = new AtomicBoolean();

    public Jdbc(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction: committed and durable when this returns, rolled back when it
     * throws.
     *
     * @param operation what is being done, for the error message ("rerun file 12")
     * @throws LedgerException when the database fails; the ledger's typed exceptions as thrown by the work
     */
    public <T> T inTransaction(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                sync(c);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LedgerException(operation + ": " + describe(e), e);
        }
    }

    /** Runs read-only work in auto-commit mode. */
    public <T> T read(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new LedgerException(operation + ": " + describe(e), e);
        }
    }

    /**
     * Forces what this connection committed to stable storage, where the dialect's commit does not. A failure
     * here is logged, not thrown: the transaction did commit, and a caller told otherwise would redo it.
     */
    public void sync(Connection c) {
        dialect.syncAfterCommit().ifPresent(sql -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                if (syncWarned.compareAndSet(false, true)) {
                    LOG.warn("ledger: committed data could not be forced to disk ({}); an OS crash could lose "
                            + "the last commits. Further failures of this kind are not logged.", describe(e));
                }
            }
        });
    }

    public static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    /** SQL state and message of an SQL error (the ledger holds no message content, so the text is safe). */
    public static String describe(SQLException e) {
        return (e.getSQLState() == null ? "" : "SQL state " + e.getSQLState() + ": ") + e.getMessage();
    }
}
