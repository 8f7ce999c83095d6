package org.hl7gw.ledger.internal;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * The few things that differ between the databases the ledger runs on. Everything else is portable SQL
 * (standard identity columns, {@code FETCH FIRST n ROWS ONLY}, {@code SELECT ... FOR UPDATE},
 * {@code GREATEST}, {@code TIMESTAMP WITH TIME ZONE} read and written as {@code OffsetDateTime}).
 *
 * <p>{@link #H2} is what runs and is tested. {@link #POSTGRESQL} is written but NOT tested yet: it also needs
 * {@code org.postgresql:postgresql} and {@code org.flywaydb:flyway-database-postgresql} on the class path.
 */
public enum Dialect {

    /**
     * H2 2.x, embedded file database (MVStore). Settings that matter, all put in the default URL by
     * {@code LedgerSettings.h2}:
     * <ul>
     *   <li>{@code WRITE_DELAY=0}: every commit writes its changes to the file before it returns. H2's default
     *       (500 ms) keeps commits in memory for up to that long, and a killed process loses them (seen here:
     *       a {@code kill -9} right after 1000 commits lost the whole table). We also run
     *       {@code SET WRITE_DELAY 0} on open, so a URL without it is safe too.</li>
     *   <li>{@link #syncAfterCommit() CHECKPOINT SYNC} after write transactions: H2 never fsyncs on commit,
     *       so without it an OS crash or power loss could lose commits the page cache still held.</li>
     *   <li>{@code AUTO_SERVER=TRUE}: a second process ({@code gateway ledger ...}) can open the database
     *       while the service holds it; it connects to the first process over loopback TCP.</li>
     *   <li>Not {@code DB_CLOSE_ON_EXIT=FALSE}: H2 refuses it with AUTO_SERVER. So H2's own shutdown hook closes
     *       the database when the JVM exits, possibly before another shutdown hook runs: the gateway must close
     *       the journal (which flushes it) in its orderly stop, not rely on hook order. Committed data is safe
     *       either way.</li>
     *   <li>{@code LOCK_TIMEOUT=10000}: a CLI rerun and the journal may wait for the same file row.</li>
     * </ul>
     * Not used, on purpose: {@code LOG=0}, {@code UNDO_LOG=0}, a longer write delay, or anything else that
     * trades committed data for speed.
     */
    H2 {
        @Override
        public String[] generatedKeyColumns() {
            return new String[] {"ID"};
        }

        @Override
        public String upsertLaneHaltSql() {
            return "MERGE INTO lanes (destination, halted, halted_at, file_id, message_id, reason, updated_at) "
                    + "KEY (destination) VALUES (?, TRUE, ?, ?, ?, ?, ?)";
        }

        @Override
        public Optional<String> syncAfterCommit() {
            return Optional.of("CHECKPOINT SYNC");
        }

        @Override
        public Optional<String> defaultUser() {
            return Optional.of("sa");
        }

        @Override
        public void configure(HikariConfig config) {
            // Embedded connections never go stale, and the database closes (compacts, and the AUTO_SERVER other
            // processes lose their server) whenever its last connection closes: never retire them, so the
            // pool's minimum idle connection keeps the database open until LedgerDatabase.close().
            config.setMaxLifetime(0);
        }

        @Override
        public void afterOpen(Connection connection) throws SQLException {
            try (Statement s = connection.createStatement()) {
                // persistent database setting; see the class comment
                s.execute("SET WRITE_DELAY 0");
            }
        }
    },

    /**
     * PostgreSQL 10 or later. UNTESTED. Commits are durable when they return (the default
     * {@code synchronous_commit=on}), so nothing runs after a commit.
     */
    POSTGRESQL {
        @Override
        public String[] generatedKeyColumns() {
            return new String[] {"id"};
        }

        @Override
        public String upsertLaneHaltSql() {
            return "INSERT INTO lanes (destination, halted, halted_at, file_id, message_id, reason, updated_at) "
                    + "VALUES (?, TRUE, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (destination) DO UPDATE SET halted = TRUE, halted_at = EXCLUDED.halted_at, "
                    + "file_id = EXCLUDED.file_id, message_id = EXCLUDED.message_id, reason = EXCLUDED.reason, "
                    + "updated_at = EXCLUDED.updated_at";
        }

        @Override
        public Optional<String> syncAfterCommit() {
            return Optional.empty();
        }

        @Override
        public Optional<String> defaultUser() {
            return Optional.empty();
        }

        @Override
        public void configure(HikariConfig config) {
            // sends a JDBC batch of inserts as multi-row INSERTs: the staging and journal hot paths
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }

        @Override
        public void afterOpen(Connection connection) {
            // nothing
        }
    };

    /** The dialect for a JDBC URL. */
    public static Dialect forUrl(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("the ledger runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...), not "
                + jdbcUrl.replaceAll("password=[^;&]*", "password=***"));
    }

    /** Column names for {@code Connection.prepareStatement(sql, columnNames)} to get a new row's id back. */
    public abstract String[] generatedKeyColumns();

    /**
     * Inserts or replaces a lane's halt row. Parameters: destination, halted_at, file_id, message_id, reason,
     * updated_at.
     */
    public abstract String upsertLaneHaltSql();

    /** A statement that forces committed data to stable storage, for databases whose commit does not. */
    public abstract Optional<String> syncAfterCommit();

    /** The user name when the settings give none. */
    public abstract Optional<String> defaultUser();

    /** Driver properties for the pool. */
    public abstract void configure(HikariConfig config);

    /** Runs once on a connection after the migrations, when the database is opened. */
    public abstract void afterOpen(Connection connection) throws SQLException;
}
