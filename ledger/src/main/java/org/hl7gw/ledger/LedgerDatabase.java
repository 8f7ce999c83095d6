package org.hl7gw.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hl7gw.ledger.internal.Dialect;
import org.hl7gw.ledger.internal.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's database: a small HikariCP pool, the schema brought up to date by Flyway when opened, and the
 * {@link Dialect} picked from the URL. Open one per process and share it: {@link JdbcLedger} and
 * {@link GroupCommitJournal} are built on it.
 *
 * <p>The default H2 file database ({@link LedgerSettings#h2}) runs in AUTO_SERVER mode, so a second process
 * (the {@code gateway ledger ...} commands) can open it while the service holds it. Keep the data directory
 * readable by the gateway's user only: the H2 file is not encrypted and the default user has no password.
 */
public final class LedgerDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerDatabase.class);

    private final LedgerSettings settings;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final Jdbc jdbc;

    private LedgerDatabase(LedgerSettings settings, Dialect dialect, HikariDataSource pool) {
        this.settings = settings;
        this.dialect = dialect;
        this.pool = pool;
        this.jdbc = new Jdbc(pool, dialect);
    }

    /**
     * Opens the pool and migrates the schema (idempotent: a database already at the latest version is left as
     * it is).
     *
     * @throws LedgerException when the database cannot be reached or a migration fails
     */
    public static LedgerDatabase open(LedgerSettings settings) {
        Dialect dialect = Dialect.forUrl(settings.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setJdbcUrl(settings.url());
        settings.user().or(dialect::defaultUser).ifPresent(config::setUsername);
        settings.password().ifPresent(secret -> {
            char[] value = secret.read();
            try {
                config.setPassword(new String(value));
            } finally {
                Arrays.fill(value, '\0');
            }
        });
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(30_000);
        dialect.configure(config);

        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new LedgerException("cannot open the ledger at " + settings.safeUrl() + ": " + rootMessage(e), e);
        }
        try {
            migrate(pool, settings);
            try (Connection c = pool.getConnection()) {
                dialect.afterOpen(c);
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e instanceof LedgerException le ? le
                    : new LedgerException("cannot prepare the ledger at " + settings.safeUrl() + ": " + rootMessage(e), e);
        }
        LOG.info("ledger open: {} ({}, pool of {})", settings.safeUrl(), dialect, settings.poolSize());
        return new LedgerDatabase(settings, dialect, pool);
    }

    private static void migrate(DataSource dataSource, LedgerSettings settings) {
        Flyway flyway = Flyway.configure(LedgerDatabase.class.getClassLoader())
                .dataSource(dataSource)
                .locations(settings.migrationLocations().toArray(String[]::new))
                .table("ledger_schema_history")
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("ledger schema migrated from version {} to {} ({} migrations)",
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * The pooled data source, for modules that keep their own tables in the ledger's database (added by their
     * own migrations). Do not close it; close this.
     */
    public DataSource dataSource() {
        return pool;
    }

    public LedgerSettings settings() {
        return settings;
    }

    Dialect dialect() {
        return dialect;
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /** Closes the pool; the H2 database closes when its last connection does. */
    @Override
    public void close() {
        pool.close();
        LOG.info("ledger closed: {}", settings.safeUrl());
    }
}
