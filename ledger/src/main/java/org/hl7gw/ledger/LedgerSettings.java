package org.hl7gw.ledger;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7gw.core.Secret;

/**
 * How to reach the ledger's database.
 *
 * @param url JDBC URL: {@code jdbc:h2:file:...} (the default, see {@link #h2(Path)}) or {@code jdbc:postgresql:...}
 * @param user database user; empty for the dialect's default (H2: {@code sa})
 * @param password where the password is kept (environment variable or file), empty for none
 * @param poolSize most connections open at once (the journal writer, lane queries, stagers and commands share
 *     them); 2 to 64
 * @param migrationLocations Flyway locations scanned for migrations; the ledger's own V1 is under
 *     {@link #LEDGER_MIGRATIONS}, where later migrations (V2 and up, from any module's jar) go too
 */
public record LedgerSettings(String url, Optional<String> user, Optional<Secret> password, int poolSize, List<String> migrationLocations) {

    public static final String LEDGER_MIGRATIONS = "classpath:db/migration/ledger";
    public static final int DEFAULT_POOL_SIZE = 8;

    public LedgerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        migrationLocations = List.copyOf(migrationLocations);
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("ledger.url must be a JDBC URL (jdbc:h2:file:... or jdbc:postgresql://...)");
        }
        if (poolSize < 2 || poolSize > 64) {
            throw new IllegalArgumentException("ledger pool size must be 2 to 64, got " + poolSize);
        }
        if (migrationLocations.isEmpty()) {
            throw new IllegalArgumentException("at least one migration location is needed");
        }
    }

    /** A database at {@code url} with the dialect's default user, no password and the default pool. */
    public static LedgerSettings of(String url) {
        return new LedgerSettings(url, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE, List.of(LEDGER_MIGRATIONS));
    }

    /** The default: an H2 file database {@code ledger.mv.db} in the data directory. */
    public static LedgerSettings h2(Path dataDir) {
        return of(defaultH2Url(dataDir));
    }

    /**
     * {@code jdbc:h2:file:<absolute dataDir>/ledger;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000}.
     * Why each setting: see {@code org.hl7gw.ledger.internal.Dialect#H2}. The path is made absolute (H2 refuses
     * paths implicitly relative to the working directory).
     */
    public static String defaultH2Url(Path dataDir) {
        String path = dataDir.toAbsolutePath().normalize().resolve("ledger").toString().replace('\\', '/');
        if (path.contains(";")) {
            throw new IllegalArgumentException("the data directory path cannot contain ';' (it ends up in a JDBC URL): " + dataDir);
        }
        return "jdbc:h2:file:" + path + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    public LedgerSettings withPoolSize(int size) {
        return new LedgerSettings(url, user, password, size, migrationLocations);
    }

    public LedgerSettings withUser(String name, Secret secret) {
        return new LedgerSettings(url, Optional.of(name), Optional.ofNullable(secret), poolSize, migrationLocations);
    }

    /** The URL without any password parameter, for messages and logs. */
    public String safeUrl() {
        return url.replaceAll("(?i)password=[^;&]*", "password=***");
    }
}
