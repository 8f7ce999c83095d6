package org.hl7gw.gateway.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7gw.gateway.spool.MessageSpool;
import org.hl7gw.ledger.JdbcLedger;
import org.hl7gw.ledger.Ledger;
import org.hl7gw.ledger.LedgerDatabase;
import org.hl7gw.ledger.LedgerSettings;
import org.hl7gw.ledger.archive.Archive;

/**
 * What lives under the data directory: the ledger database, the archive of originals and the spool of
 * messages waiting to be sent. Opened by every command that needs them and by the service. The H2 database
 * is opened in AUTO_SERVER mode, so commands work while the service holds it.
 */
public final class Workspace implements AutoCloseable {
    private final Path dataDir;
    private final LedgerDatabase database;
    private final JdbcLedger ledger;
    private final Archive archive;
    private final MessageSpool spool;

    private Workspace(Path dataDir, LedgerDatabase database) throws IOException {
        this.dataDir = dataDir;
        this.database = database;
        this.ledger = new JdbcLedger(database);
        this.archive = Archive.in(dataDir);
        this.spool = new MessageSpool(dataDir);
    }

    /** Opens (creating on first use) the data directory with the default H2 ledger. */
    public static Workspace open(Path dataDir) {
        return open(dataDir, LedgerSettings.h2(dataDir.toAbsolutePath()));
    }

    public static Workspace open(Path dataDir, LedgerSettings settings) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        LedgerDatabase db = LedgerDatabase.open(settings);
        try {
            return new Workspace(dir, db);
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Opens an existing data directory only: commands that read the ledger must not create an empty one. */
    public static Workspace openExisting(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new org.hl7gw.gateway.cli.UsageException("no data directory at " + dir + " (give --data-dir DIR)");
        }
        return open(dir);
    }

    public Path dataDir() {
        return dataDir;
    }

    public LedgerDatabase database() {
        return database;
    }

    public Ledger ledger() {
        return ledger;
    }

    public JdbcLedger jdbcLedger() {
        return ledger;
    }

    public Archive archive() {
        return archive;
    }

    public MessageSpool spool() {
        return spool;
    }

    /** The intake over this data directory, routing files with {@code routes}; {@code wakeLane} is told when a destination has new work. */
    public org.hl7gw.gateway.intake.IntakePipeline pipeline(
            java.util.function.Function<org.hl7gw.core.intake.FileSource, org.hl7gw.gateway.intake.IntakeRoute> routes,
            java.util.function.Consumer<String> wakeLane) {
        return new org.hl7gw.gateway.intake.IntakePipeline(archive, ledger, spool, routes, wakeLane, java.time.Clock.systemUTC());
    }

    @Override
    public void close() {
        spool.close();
        database.close();
    }
}
