package org.hl7gw.poller;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.hl7gw.core.ConfigurationException;

/**
 * Everything one poller needs to know, checked when it is built: a wrong setting fails at start-up with a
 * {@link ConfigurationException} whose key names the field ({@code pollers.ID.hostKey}), never at 2 a.m.
 *
 * <p>Build it with {@link #builder(String, String)}; every setting but the id and the URL has a default:
 * <pre>
 * PollerSettings lab = PollerSettings.builder("lab-nightly", "sftp://lab@mainframe.example:22/outbound/hl7")
 *         .hostKey("SHA256:q2d8...")
 *         .credentials(Credentials.privateKey(Path.of("/etc/hl7gw/lab_ed25519"), null))
 *         .include("*.hl7").afterAction("move:archive")
 *         .build();
 * </pre>
 *
 * @param id the poller's name (letters, digits, '.', '_', '-'): in claims, status, logs and the ledger's source
 * @param url where it polls ({@link PollerUrl}); the port is filled in (22, 21, or 990 for implicit FTPS)
 * @param selection include/exclude patterns and recursion
 * @param maxFilesPerRun at most this many files are downloaded per run, oldest first (default 100)
 * @param stability when a file is complete ({@link Stability}; default stable for 10 s)
 * @param afterAction what happens to a file on the server once the ledger has it (default delete)
 * @param credentials key and/or password
 * @param ssh host key pinning and algorithms (sftp:// only)
 * @param ftps TLS and trust (ftp:// only)
 * @param timeouts connect and read timeouts
 * @param circuitBreaker when to stop contacting a failing server
 */
public record PollerSettings(String id, PollerUrl url, Selection selection, int maxFilesPerRun, Stability stability,
                             AfterAction afterAction, Credentials credentials, SshOptions ssh, FtpsOptions ftps,
                             Timeouts timeouts, CircuitBreakerPolicy circuitBreaker) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int MAX_FILES_PER_RUN_LIMIT = 100_000;

    public PollerSettings {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConfigurationException("pollers.id", "'" + id + "' is not a poller id: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String p = "pollers." + id + ".";
        require(url, p + "url");
        require(selection, p + "include");
        require(stability, p + "stability");
        require(afterAction, p + "afterAction");
        require(credentials, p + "credentials");
        require(ssh, p + "hostKey");
        require(ftps, p + "tls");
        require(timeouts, p + "timeouts");
        require(circuitBreaker, p + "circuitBreaker");
        if (maxFilesPerRun < 1 || maxFilesPerRun > MAX_FILES_PER_RUN_LIMIT) {
            throw new ConfigurationException(p + "maxFilesPerRun", "must be between 1 and " + MAX_FILES_PER_RUN_LIMIT + ": " + maxFilesPerRun);
        }
        if (url.port() == 0) {
            url = url.withPort(switch (url.protocol()) {
                case SFTP -> 22;
                case FTP -> ftps.tls() == FtpTls.IMPLICIT ? 990 : 21;
                case FILE -> 0;
            });
        }
        switch (url.protocol()) {
            case SFTP -> checkSftp(p, ssh, ftps, credentials);
            case FTP -> checkFtp(p, ssh, ftps, credentials);
            case FILE -> checkFile(p, ssh, ftps, credentials);
            default -> throw new IllegalStateException(url.protocol().toString());
        }
    }

    public static Builder builder(String id, String url) {
        return new Builder(id, url);
    }

    /** The location key of this poller's folder ({@link PollerUrl#location()}). */
    public String location() {
        return url.location();
    }

    /** Whether an insecure trust option is on (the poller warns at every run). */
    public boolean insecure() {
        return ssh.insecureAcceptAnyHostKey() || ftps.insecureTrustAnyCertificate();
    }

    private static void checkSftp(String p, SshOptions ssh, FtpsOptions ftps, Credentials credentials) {
        if (ssh.hostKey().isPresent() && ssh.insecureAcceptAnyHostKey()) {
            throw new ConfigurationException(p + "hostKey", "give either hostKey or insecureAcceptAnyHostKey: true, not both");
        }
        if (ssh.hostKey().isEmpty() && !ssh.insecureAcceptAnyHostKey()) {
            throw new ConfigurationException(p + "hostKey", "required for sftp://: the server's SHA256 fingerprint"
                    + " (ssh-keyscan -p PORT HOST | ssh-keygen -lf -), or insecureAcceptAnyHostKey: true for a first test");
        }
        if (credentials.privateKey().isEmpty() && !credentials.hasPassword()) {
            throw new ConfigurationException(p + "credentials", "an sftp:// poller needs a private key, a password or both");
        }
        credentials.privateKey().ifPresent(k -> readable(p + "privateKey", k));
        if (ftps.tls() != FtpTls.NONE || ftps.truststore().isPresent() || ftps.insecureTrustAnyCertificate()) {
            throw new ConfigurationException(p + "tls", "TLS and truststore settings are for ftp:// pollers, not sftp://");
        }
    }

    private static void checkFtp(String p, SshOptions ssh, FtpsOptions ftps, Credentials credentials) {
        if (ssh.hostKey().isPresent() || ssh.insecureAcceptAnyHostKey() || ssh.legacyAlgorithms()) {
            throw new ConfigurationException(p + "hostKey", "host key and SSH algorithm settings are for sftp:// pollers, not ftp://");
        }
        if (!credentials.hasPassword()) {
            throw new ConfigurationException(p + "password", "an ftp:// poller needs a password");
        }
        if (credentials.privateKey().isPresent()) {
            throw new ConfigurationException(p + "privateKey", "ftp:// logs in with a password; private keys are for sftp://");
        }
        if (ftps.tls() == FtpTls.NONE) {
            if (ftps.truststore().isPresent() || ftps.insecureTrustAnyCertificate()) {
                throw new ConfigurationException(p + "truststore", "a truststore is only used with tls: explicit or implicit");
            }
            return;
        }
        if (ftps.truststore().isPresent() && ftps.insecureTrustAnyCertificate()) {
            throw new ConfigurationException(p + "truststore", "give either truststore or insecureTrustAnyCertificate: true, not both");
        }
        if (ftps.truststore().isEmpty() && !ftps.insecureTrustAnyCertificate()) {
            throw new ConfigurationException(p + "truststore", "required for tls: " + ftps.tls().label()
                    + ": a PEM or PKCS12 file with the server's certificate or its CA, or insecureTrustAnyCertificate: true for a first test");
        }
        ftps.truststore().ifPresent(t -> readable(p + "truststore", t));
    }

    private static void checkFile(String p, SshOptions ssh, FtpsOptions ftps, Credentials credentials) {
        if (ssh.hostKey().isPresent() || ssh.insecureAcceptAnyHostKey() || ssh.legacyAlgorithms()) {
            throw new ConfigurationException(p + "hostKey", "host key settings are for sftp:// pollers, not file://");
        }
        if (ftps.tls() != FtpTls.NONE || ftps.truststore().isPresent() || ftps.insecureTrustAnyCertificate()) {
            throw new ConfigurationException(p + "tls", "TLS settings are for ftp:// pollers, not file://");
        }
        if (credentials.privateKey().isPresent() || credentials.hasPassword()) {
            throw new ConfigurationException(p + "credentials", "a file:// poller reads with the gateway's own rights; it takes no key or password");
        }
    }

    private static void readable(String key, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigurationException(key, "cannot read " + file + " (missing, not a file, or not readable)");
        }
    }

    private static void require(Object value, String key) {
        if (value == null) {
            throw new ConfigurationException(key, "is required");
        }
    }

    /**
     * Collects settings and builds them; {@link #build()} turns any invalid value into a
     * {@link ConfigurationException} naming the field.
     */
    public static final class Builder {
        private final String id;
        private final String url;
        private List<String> include = List.of("*");
        private List<String> exclude = List.of();
        private boolean recursive;
        private int maxFilesPerRun = 100;
        private Duration stableFor = Duration.ofSeconds(10);
        private Duration maxStabilityWait = Duration.ofSeconds(60);
        private String doneMarker;
        private String afterAction = "delete";
        private Credentials credentials = Credentials.none();
        private String hostKey;
        private boolean insecureAcceptAnyHostKey;
        private boolean legacyAlgorithms;
        private String tls = "none";
        private Path truststore;
        private boolean insecureTrustAnyCertificate;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int failuresToOpen = 5;
        private Duration coolDown = Duration.ofMinutes(15);
        private Duration maxCoolDown = Duration.ofHours(4);

        private Builder(String id, String url) {
            this.id = id;
            this.url = url;
        }

        public Builder include(String... patterns) {
            this.include = List.of(patterns);
            return this;
        }

        public Builder include(List<String> patterns) {
            this.include = List.copyOf(patterns);
            return this;
        }

        public Builder exclude(String... patterns) {
            this.exclude = List.of(patterns);
            return this;
        }

        public Builder exclude(List<String> patterns) {
            this.exclude = List.copyOf(patterns);
            return this;
        }

        public Builder recursive(boolean value) {
            this.recursive = value;
            return this;
        }

        public Builder maxFilesPerRun(int value) {
            this.maxFilesPerRun = value;
            return this;
        }

        /** Stability by size and time unchanged for this long (the default mode, 10 s). */
        public Builder stableFor(Duration value) {
            this.stableFor = value;
            this.doneMarker = null;
            return this;
        }

        /** The longest a run waits for a second look at new files (default 60 s). */
        public Builder maxStabilityWait(Duration value) {
            this.maxStabilityWait = value;
            return this;
        }

        /** Done-marker mode: take NAME once NAME + suffix exists (replaces stableFor). */
        public Builder doneMarker(String suffix) {
            this.doneMarker = suffix;
            return this;
        }

        /** {@code delete} (default), {@code leave} or {@code move:DIR}. */
        public Builder afterAction(String value) {
            this.afterAction = value;
            return this;
        }

        public Builder credentials(Credentials value) {
            this.credentials = value;
            return this;
        }

        public Builder hostKey(String fingerprint) {
            this.hostKey = fingerprint;
            return this;
        }

        public Builder insecureAcceptAnyHostKey(boolean value) {
            this.insecureAcceptAnyHostKey = value;
            return this;
        }

        public Builder legacyAlgorithms(boolean value) {
            this.legacyAlgorithms = value;
            return this;
        }

        /** {@code none} (default), {@code explicit} or {@code implicit}. */
        public Builder tls(String mode) {
            this.tls = mode;
            return this;
        }

        public Builder tls(FtpTls mode) {
            this.tls = mode.label();
            return this;
        }

        public Builder truststore(Path file) {
            this.truststore = file;
            return this;
        }

        public Builder insecureTrustAnyCertificate(boolean value) {
            this.insecureTrustAnyCertificate = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder circuitBreaker(int failures, Duration firstCoolDown, Duration longestCoolDown) {
            this.failuresToOpen = failures;
            this.coolDown = firstCoolDown;
            this.maxCoolDown = longestCoolDown;
            return this;
        }

        public PollerSettings build() {
            String p = "pollers." + id + ".";
            PollerUrl parsedUrl = field(p + "url", () -> PollerUrl.parse(url));
            Selection selection = field(p + "include", () -> new Selection(include, exclude, recursive));
            Stability stability = doneMarker != null
                    ? field(p + "doneMarker", () -> new Stability.DoneMarker(doneMarker))
                    : field(p + "stableFor", () -> new Stability.StableFor(stableFor, maxStabilityWait));
            AfterAction action = field(p + "afterAction", () -> AfterAction.parse(afterAction));
            SshOptions ssh = field(p + "hostKey", () -> new SshOptions(Optional.ofNullable(hostKey), insecureAcceptAnyHostKey, legacyAlgorithms));
            FtpTls tlsMode = field(p + "tls", () -> FtpTls.parse(tls));
            FtpsOptions ftps = new FtpsOptions(tlsMode, Optional.ofNullable(truststore), insecureTrustAnyCertificate);
            Timeouts timeouts = field(p + "timeouts", () -> new Timeouts(Objects.requireNonNull(connectTimeout, "connect"), Objects.requireNonNull(readTimeout, "read")));
            CircuitBreakerPolicy breaker = field(p + "circuitBreaker", () -> new CircuitBreakerPolicy(failuresToOpen, coolDown, maxCoolDown));
            return new PollerSettings(id, parsedUrl, selection, maxFilesPerRun, stability, action, credentials, ssh, ftps, timeouts, breaker);
        }

        private static <T> T field(String key, Supplier<T> make) {
            try {
                return make.get();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigurationException(key, e.getMessage(), e);
            }
        }
    }
}
