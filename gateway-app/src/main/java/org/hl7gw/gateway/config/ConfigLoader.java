package org.hl7gw.gateway.config;

import org.hl7gw.gateway.app.Text;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.core.GatewayException;
import org.hl7gw.core.Secret;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.ftps.FtpsServerSettings;
import org.hl7gw.ftps.PassivePorts;
import org.hl7gw.ftps.TlsMode;
import org.hl7gw.gateway.intake.PayloadOpener;
import org.hl7gw.gateway.partners.PasswordHash;
import org.hl7gw.ledger.LedgerSettings;
import org.hl7gw.mllp.Destination;
import org.hl7gw.mllp.HaltPolicy;
import org.hl7gw.mllp.RetryPolicy;
import org.hl7gw.mllp.connection.MllpEndpoint;
import org.hl7gw.mllp.connection.TlsSettings;
import org.hl7gw.pgp.PgpDecryptor;
import org.hl7gw.pgp.PgpPolicy;
import org.hl7gw.pgp.SignaturePolicy;
import org.hl7gw.schedules.ScheduleSpec;
import org.hl7gw.sftp.SftpServerSettings;
import org.hl7gw.splitter.CountMismatchPolicy;
import org.hl7gw.splitter.SplitterSettings;

/**
 * Reads {@code gateway.yaml} and checks all of it before anything starts: unknown keys, missing files, bad
 * durations, keys that do not unlock, references to destinations that do not exist. Every problem names its
 * key ({@code partners[1].pgp.signers[0]: file not found: ...}) and all of them are reported at once.
 * Relative paths are relative to the configuration file's folder. See {@code examples/gateway.yaml}.
 */
public final class ConfigLoader {
    private static final List<String> DEFAULT_FILE_PATTERNS = List.of("*");

    private final Map<String, String> environment;

    public ConfigLoader() {
        this(System.getenv());
    }

    ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    public GatewayConfig load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new ConfigurationException("--config", "file not found: " + abs);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(abs, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("--config", "not valid YAML: " + abs + ": " + Text.firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("--config", abs + " must hold a YAML mapping (dataDir:, destinations:, partners: ...)");
        }
        ConfigProblems problems = new ConfigProblems(abs);
        ConfigNode top = new ConfigNode(root, "", abs.getParent(), problems);

        Path dataDir = top.string("dataDir").map(top::resolve).orElse(top.resolve("./data"));
        LedgerSettings ledger = ledger(top, dataDir);
        SplitterSettings validation = top.child("validation").map(v -> validation(v, SplitterSettings.defaults())).orElse(SplitterSettings.defaults());

        Optional<SftpServerSettings> sftp = Optional.empty();
        Optional<FtpsServerSettings> ftps = Optional.empty();
        Optional<ConfigNode> servers = top.child("servers");
        if (servers.isPresent()) {
            sftp = servers.get().child("sftp").flatMap(s -> sftp(s, dataDir));
            ftps = servers.get().child("ftps").flatMap(this::ftps);
            servers.get().finish();
        }

        List<Destination> destinations = new ArrayList<>();
        Set<String> destinationIds = new HashSet<>();
        for (ConfigNode d : top.children("destinations")) {
            destination(d).ifPresent(dest -> {
                if (!destinationIds.add(dest.id())) {
                    d.problem("id", "destination '" + dest.id() + "' is defined twice");
                } else {
                    destinations.add(dest);
                }
            });
        }

        List<PartnerConfig> partners = new ArrayList<>();
        Set<String> partnerIds = new HashSet<>();
        Set<String> logins = new HashSet<>();
        for (ConfigNode p : top.children("partners")) {
            partner(p, dataDir, validation, destinationIds, ftps.isPresent()).ifPresent(partner -> {
                if (!partnerIds.add(partner.id())) {
                    p.problem("id", "partner '" + partner.id() + "' is defined twice");
                } else if (!logins.add(partner.account().login())) {
                    p.problem("login", "login '" + partner.account().login() + "' is used by two partners");
                } else {
                    partners.add(partner);
                }
            });
        }
        List<PollerConfig> pollers = new ArrayList<>();
        Set<String> pollerIds = new HashSet<>();
        for (ConfigNode n : top.children("pollers")) {
            poller(n, partnerIds).ifPresent(poller -> {
                if (!pollerIds.add(poller.id())) {
                    n.problem("id", "poller '" + poller.id() + "' is defined twice");
                } else {
                    pollers.add(poller);
                }
            });
        }
        Set<String> polled = new HashSet<>();
        pollers.forEach(p -> polled.add(p.partner()));
        for (int i = 0; i < partners.size(); i++) {
            PartnerConfig p = partners.get(i);
            if (p.authorizedKeys().isEmpty() && p.passwordHash().isEmpty() && !polled.contains(p.id())) {
                problems.add("partners[" + i + "]", "give authorizedKeys and/or passwordHash (the partner cannot log in), "
                        + "or name it as the partner: of a poller");
            }
        }
        Optional<RetentionConfig> retention = top.child("retention").flatMap(ConfigLoader::retention);
        if ((sftp.isPresent() || ftps.isPresent()) && partners.isEmpty()) {
            problems.add("partners", "servers are configured but no partner can log in");
        }
        top.finish();
        problems.throwIfAny();
        return new GatewayConfig(abs, dataDir, ledger, sftp, ftps, partners, destinations, validation, pollers, retention);
    }

    private static LedgerSettings ledger(ConfigNode top, Path dataDir) {
        LedgerSettings settings = LedgerSettings.h2(dataDir);
        Optional<ConfigNode> node = top.child("ledger");
        if (node.isEmpty()) {
            return settings;
        }
        ConfigNode l = node.get();
        Optional<String> url = l.string("url");
        Optional<String> user = l.string("user");
        Optional<Secret> password = l.secret("password");
        int pool = l.integer("poolSize", LedgerSettings.DEFAULT_POOL_SIZE, 2, 64);
        l.finish();
        try {
            if (url.isPresent()) {
                settings = LedgerSettings.of(url.get());
            }
            if (user.isPresent()) {
                settings = settings.withUser(user.get(), password.orElse(null));
            }
            return settings.withPoolSize(pool);
        } catch (IllegalArgumentException e) {
            l.problem("url", e.getMessage());
            return LedgerSettings.h2(dataDir);
        }
    }

    private static SplitterSettings validation(ConfigNode v, SplitterSettings base) {
        CountMismatchPolicy policy = v.enumValue("countMismatch", CountMismatchPolicy.class, base.countMismatch());
        long message = v.size("maxMessageSize", base.maxMessageSize());
        long segment = v.size("maxSegmentLength", base.maxSegmentLength());
        v.finish();
        if (message < 64 || message > Integer.MAX_VALUE) {
            v.problem("maxMessageSize", "must be between 64 bytes and 2 GB");
            message = base.maxMessageSize();
        }
        if (segment < 64 || segment > Integer.MAX_VALUE) {
            v.problem("maxSegmentLength", "must be between 64 bytes and 2 GB");
            segment = base.maxSegmentLength();
        }
        return base.withCountMismatch(policy).withLimits((int) segment, (int) message);
    }

    private record Listen(String host, int port) {
    }

    private static Optional<Listen> listen(ConfigNode n, String key, String fallback) {
        String text = n.string(key).orElse(fallback);
        if (text == null) {
            n.problem(key, "is required (HOST:PORT, e.g. 0.0.0.0:2222)");
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            n.problem(key, "expected HOST:PORT, e.g. 0.0.0.0:2222");
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return Optional.of(new Listen(host, port));
        } catch (NumberFormatException e) {
            n.problem(key, "'" + text.substring(colon + 1) + "' is not a port number (0-65535)");
            return Optional.empty();
        }
    }

    private static Optional<SftpServerSettings> sftp(ConfigNode s, Path dataDir) {
        Optional<Listen> listen = listen(s, "listen", "0.0.0.0:2222");
        List<Path> hostKeys = s.files("hostKeys", false);
        if (hostKeys.isEmpty()) {
            hostKeys = List.of(dataDir.resolve("ssh_host_ed25519_key"));
        }
        Duration idle = s.duration("idleTimeout", SftpServerSettings.DEFAULT_IDLE_TIMEOUT);
        Duration auth = s.duration("authTimeout", SftpServerSettings.DEFAULT_AUTH_TIMEOUT);
        int attempts = s.integer("maxAuthAttempts", SftpServerSettings.DEFAULT_MAX_AUTH_ATTEMPTS, 1, 100);
        Duration delay = s.duration("failedLoginDelay", SftpServerSettings.DEFAULT_FAILED_LOGIN_DELAY);
        int sessions = s.integer("maxSessionsPerLogin", SftpServerSettings.DEFAULT_MAX_SESSIONS_PER_LOGIN, 1, 1000);
        s.finish();
        if (listen.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SftpServerSettings.of(listen.get().host(), listen.get().port(), hostKeys)
                    .withTimeouts(idle, auth).withLoginLimits(attempts, delay).withMaxSessionsPerLogin(sessions));
        } catch (IllegalArgumentException e) {
            s.problem("", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<FtpsServerSettings> ftps(ConfigNode f) {
        Optional<Listen> listen = listen(f, "listen", "0.0.0.0:2121");
        TlsMode mode = f.enumValue("mode", TlsMode.class, TlsMode.EXPLICIT);
        Optional<Path> cert = f.file("certificate", true);
        Optional<Path> key = f.file("privateKey", true);
        String ports = f.string("passivePorts").orElse(null);
        Optional<String> passiveAddress = f.string("passiveAddress");
        Duration idle = f.duration("idleTimeout", Duration.ofMinutes(5));
        int maxLogins = f.integer("maxLogins", 50, 1, 10_000);
        Duration delay = f.duration("failedLoginDelay", Duration.ofSeconds(2));
        f.finish();
        if (cert.isEmpty()) {
            f.problem("certificate", "is required (PEM certificate chain)");
        }
        if (key.isEmpty()) {
            f.problem("privateKey", "is required (PEM PKCS#8 private key)");
        }
        if (listen.isEmpty() || cert.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        try {
            FtpsServerSettings s = FtpsServerSettings.of(listen.get().host(), listen.get().port(), mode, cert.get(), key.get())
                    .withIdleTimeout(idle).withMaxLogins(maxLogins).withFailedLoginDelay(delay);
            if (ports != null || passiveAddress.isPresent()) {
                s = s.withPassivePorts(ports == null ? PassivePorts.ANY : PassivePorts.parse(ports), passiveAddress.orElse(null));
            }
            return Optional.of(s);
        } catch (IllegalArgumentException | GatewayException e) {
            f.problem("", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Destination> destination(ConfigNode d) {
        String id = d.requiredString("id");
        String url = d.requiredString("url");
        Duration connect = d.duration("connectTimeout", Destination.DEFAULT_CONNECT_TIMEOUT);
        Duration ack = d.duration("ackTimeout", Destination.DEFAULT_ACK_TIMEOUT);
        HaltPolicy onReject = d.enumValue("onReject", HaltPolicy.class, HaltPolicy.CONTINUE);
        HaltPolicy onFailure = d.enumValue("onFailure", HaltPolicy.class, HaltPolicy.HALT);
        long maxAck = d.size("maxAckSize", Destination.DEFAULT_MAX_FRAME_LENGTH);
        RetryPolicy retry = RetryPolicy.DEFAULT;
        Optional<ConfigNode> r = d.child("retry");
        if (r.isPresent()) {
            ConfigNode rn = r.get();
            int max = rn.integer("maxAttempts", RetryPolicy.DEFAULT.maxAttempts(), 1, 1000);
            Duration backoff = rn.duration("backoff", RetryPolicy.DEFAULT.initialBackoff());
            double multiplier = rn.decimal("multiplier", RetryPolicy.DEFAULT.multiplier(), 1.0, 10.0);
            Duration maxBackoff = rn.duration("maxBackoff", RetryPolicy.DEFAULT.maxBackoff());
            rn.finish();
            try {
                retry = new RetryPolicy(max, backoff, multiplier, maxBackoff);
            } catch (IllegalArgumentException e) {
                rn.problem("", e.getMessage());
            }
        }
        Optional<TlsSettings> tls = d.child("tls").flatMap(this::tls);
        d.finish();
        if (id == null || url == null) {
            return Optional.empty();
        }
        try {
            MllpEndpoint endpoint = MllpEndpoint.parse(url);
            if (endpoint.tls() && tls.isEmpty()) {
                d.problem("tls", "an mllps:// destination needs tls.truststore (the CA or server certificate to trust)");
                return Optional.empty();
            }
            if (!endpoint.tls() && tls.isPresent()) {
                d.problem("tls", "TLS settings need an mllps:// url");
                return Optional.empty();
            }
            Destination dest = Destination.of(id, endpoint).withConnectTimeout(connect).withAckTimeout(ack).withRetry(retry)
                    .withOnReject(onReject).withOnFailure(onFailure).withMaxFrameLength((int) Math.min(Integer.MAX_VALUE, maxAck));
            return Optional.of(tls.map(dest::withTls).orElse(dest));
        } catch (IllegalArgumentException e) {
            d.problem("url", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<TlsSettings> tls(ConfigNode t) {
        Optional<Path> truststore = t.file("truststore", true);
        Optional<Secret> truststorePassword = t.secret("truststorePassword");
        Optional<Path> keystore = t.file("keystore", true);
        Optional<Secret> keystorePassword = t.secret("keystorePassword");
        boolean verify = t.bool("hostnameVerification", true);
        t.finish();
        if (truststore.isEmpty()) {
            t.problem("truststore", "is required (PEM or PKCS12 with the CA or server certificate)");
            return Optional.empty();
        }
        try {
            TlsSettings s = TlsSettings.trusting(truststore.get()).withHostnameVerification(verify);
            if (truststorePassword.isPresent()) {
                s = s.withTruststorePassword(read(truststorePassword.get()));
            }
            if (keystore.isPresent()) {
                s = s.withClientCertificate(keystore.get(), keystorePassword.map(this::read).orElse(new char[0]));
            }
            return Optional.of(s);
        } catch (IllegalArgumentException | GatewayException e) {
            t.problem("", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<PartnerConfig> partner(ConfigNode p, Path dataDir, SplitterSettings defaults, Set<String> destinations, boolean ftps) {
        String id = p.requiredString("id");
        String login = p.string("login").orElse(id);
        Path home = p.string("home").map(p::resolve).orElse(id == null ? null : dataDir.resolve("partners").resolve(id));
        Optional<Path> authorizedKeys = p.file("authorizedKeys", true);
        Optional<PasswordHash> passwordHash = p.secret("passwordHash").flatMap(s -> {
            try {
                return Optional.of(PasswordHash.parse(new String(read(s))));
            } catch (IllegalArgumentException | GatewayException e) {
                p.problem("passwordHash", e.getMessage());
                return Optional.empty();
            }
        });
        List<String> files = p.strings("files");
        String destination = p.requiredString("destination");
        Set<PartnerConfig.ResultKind> results = EnumSet.noneOf(PartnerConfig.ResultKind.class);
        List<String> resultNames = p.strings("results");
        if (!p.has("results")) {
            results.add(PartnerConfig.ResultKind.JSON);
        }
        for (String r : resultNames) {
            switch (r.toLowerCase(Locale.ROOT)) {
                case "json" -> results.add(PartnerConfig.ResultKind.JSON);
                case "hl7-ack" -> results.add(PartnerConfig.ResultKind.HL7_ACK);
                default -> p.problem("results", "'" + r + "' is not one of json, hl7-ack");
            }
        }
        SplitterSettings splitter = p.child("validation").map(v -> validation(v, defaults)).orElse(defaults);
        PayloadOpener opener = p.child("pgp").map(this::opener).orElse(PayloadOpener.plaintextOnly());
        p.finish();
        if (id == null || destination == null) {
            return Optional.empty();
        }
        if (!destinations.contains(destination)) {
            p.problem("destination", "no destination with id '" + destination + "' (destinations: " + String.join(", ", destinations) + ")");
            return Optional.empty();
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            p.problem("id", "use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit");
            return Optional.empty();
        }
        return Optional.of(new PartnerConfig(new PartnerAccount(id, login, home.toAbsolutePath().normalize()), authorizedKeys, passwordHash,
                files.isEmpty() ? DEFAULT_FILE_PATTERNS : files, opener, splitter, destination, results));
    }

    private PayloadOpener opener(ConfigNode g) {
        List<Path> keys = g.files("decryptionKeys", true);
        Optional<Secret> passphrase = g.secret("passphrase");
        List<Path> signers = g.files("signers", true);
        SignaturePolicy signature = g.enumValue("signature", SignaturePolicy.class, signers.isEmpty() ? SignaturePolicy.NONE : SignaturePolicy.REQUIRED);
        boolean requireEncryption = g.bool("requireEncryption", !keys.isEmpty());
        boolean allowUnprotected = g.bool("allowUnprotected", false);
        long maxSize = g.size("maxDecompressedSize", PgpPolicy.DEFAULT_MAX_DECOMPRESSED_BYTES);
        int ratio = g.integer("maxExpansionRatio", PgpPolicy.DEFAULT_MAX_EXPANSION_RATIO, 2, 1_000_000);
        g.finish();
        if (keys.isEmpty()) {
            if (requireEncryption) {
                g.problem("decryptionKeys", "requireEncryption needs the gateway's decryption key");
            }
            if (!signers.isEmpty()) {
                g.problem("decryptionKeys", "signature checks need the gateway's decryption key");
            }
            return PayloadOpener.plaintextOnly();
        }
        if (signature != SignaturePolicy.NONE && signers.isEmpty()) {
            g.problem("signers", "signature: " + signature.name().toLowerCase(Locale.ROOT) + " needs the partner's signing public keys");
            return PayloadOpener.plaintextOnly();
        }
        try {
            PgpPolicy policy = PgpPolicy.defaults().withSignatures(signature).withRequireEncryption(requireEncryption)
                    .withAllowUnprotected(allowUnprotected).withMaxDecompressedBytes(maxSize).withMaxExpansionRatio(ratio);
            PgpDecryptor.Builder b = PgpDecryptor.builder().policy(policy).signers(signers);
            if (passphrase.isPresent()) {
                b.decryptionKeys(keys, passphrase.get());
            } else {
                b.decryptionKeys(keys, (char[]) null);
            }
            return new PayloadOpener(Optional.of(b.build()), requireEncryption);
        } catch (GatewayException | IllegalArgumentException e) {
            g.problem("", e.getMessage());
            return PayloadOpener.plaintextOnly();
        }
    }

    private Optional<PollerConfig> poller(ConfigNode n, Set<String> partners) {
        String id = n.requiredString("id");
        String url = n.requiredString("url");
        String partner = n.requiredString("partner");
        String cron = n.requiredString("schedule");
        String zoneName = n.string("timeZone").orElse("UTC");
        Optional<String> tls = n.string("tls");
        Optional<ConfigNode> auth = n.child("auth");
        Optional<Path> key = auth.flatMap(a -> a.file("privateKey", true));
        Optional<Secret> passphrase = auth.flatMap(a -> a.secret("passphrase"));
        Optional<Secret> password = auth.flatMap(a -> a.secret("password"));
        auth.ifPresent(ConfigNode::finish);
        Optional<String> hostKey = n.string("hostKey");
        boolean insecureHostKey = n.bool("insecureAcceptAnyHostKey", false);
        boolean legacy = n.bool("legacyAlgorithms", false);
        Optional<Path> truststore = n.file("truststore", true);
        Optional<Secret> truststorePassword = n.secret("truststorePassword");
        boolean insecureTls = n.bool("insecureTrustAnyCertificate", false);
        List<String> include = n.strings("include");
        List<String> exclude = n.strings("exclude");
        boolean recursive = n.bool("recursive", false);
        int maxFiles = n.integer("maxFilesPerRun", 100, 1, 100_000);
        Optional<Duration> stableFor = n.has("stableFor") ? Optional.of(n.duration("stableFor", Duration.ofSeconds(10))) : Optional.empty();
        Optional<Duration> maxWait = n.has("maxStabilityWait") ? Optional.of(n.duration("maxStabilityWait", Duration.ofSeconds(60))) : Optional.empty();
        Optional<String> doneMarker = n.string("doneMarker");
        String after = n.string("after").orElse("leave");
        Optional<Duration> connect = n.has("connectTimeout") ? Optional.of(n.duration("connectTimeout", Duration.ofSeconds(30))) : Optional.empty();
        Optional<Duration> read = n.has("readTimeout") ? Optional.of(n.duration("readTimeout", Duration.ofSeconds(60))) : Optional.empty();
        Optional<ConfigNode> breaker = n.child("circuitBreaker");
        int failures = breaker.map(b -> b.integer("failures", 5, 1, 1000)).orElse(5);
        Duration coolDown = breaker.map(b -> b.duration("coolDown", Duration.ofMinutes(15))).orElse(Duration.ofMinutes(15));
        Duration maxCoolDown = breaker.map(b -> b.duration("maxCoolDown", Duration.ofHours(4))).orElse(Duration.ofHours(4));
        breaker.ifPresent(ConfigNode::finish);
        n.finish();
        if (id == null || url == null || partner == null || cron == null) {
            return Optional.empty();
        }
        if (!partners.contains(partner)) {
            n.problem("partner", "no partner with id '" + partner + "' (its PGP rules, validation and destination apply to fetched files)");
            return Optional.empty();
        }
        if (stableFor.isPresent() && doneMarker.isPresent()) {
            n.problem("doneMarker", "give stableFor or doneMarker, not both");
            return Optional.empty();
        }
        ScheduleSpec schedule;
        try {
            schedule = new ScheduleSpec(id, ScheduleSpec.POLLERS, cron, org.hl7gw.schedules.GatewayScheduler.zone(zoneName));
        } catch (IllegalArgumentException e) {
            n.problem(e.getMessage().contains("time zone") ? "timeZone" : "schedule", e.getMessage());
            return Optional.empty();
        }
        try {
            org.hl7gw.poller.Credentials credentials = org.hl7gw.poller.Credentials.none();
            if (key.isPresent()) {
                credentials = credentials.withPrivateKey(key.get(), passphrase.map(this::read).orElse(null));
            }
            if (password.isPresent()) {
                credentials = credentials.withPassword(read(password.get()));
            }
            if (truststorePassword.isPresent()) {
                credentials = credentials.withTruststorePassword(read(truststorePassword.get()));
            }
            org.hl7gw.poller.PollerSettings.Builder b = org.hl7gw.poller.PollerSettings.builder(id, url).recursive(recursive)
                    .maxFilesPerRun(maxFiles).afterAction(after).credentials(credentials).insecureAcceptAnyHostKey(insecureHostKey)
                    .legacyAlgorithms(legacy).insecureTrustAnyCertificate(insecureTls).circuitBreaker(failures, coolDown, maxCoolDown);
            if (!include.isEmpty()) {
                b.include(include);
            }
            if (!exclude.isEmpty()) {
                b.exclude(exclude);
            }
            stableFor.ifPresent(b::stableFor);
            maxWait.ifPresent(b::maxStabilityWait);
            doneMarker.ifPresent(b::doneMarker);
            hostKey.ifPresent(b::hostKey);
            tls.ifPresent(b::tls);
            truststore.ifPresent(b::truststore);
            connect.ifPresent(b::connectTimeout);
            read.ifPresent(b::readTimeout);
            return Optional.of(new PollerConfig(b.build(), schedule, partner));
        } catch (ConfigurationException e) {
            String key2 = e.key();
            String field = key2.contains(".") ? key2.substring(key2.lastIndexOf('.') + 1) : "";
            n.problem(field, e.getMessage().substring(Math.min(e.getMessage().length(), key2.length() + 2)));
            return Optional.empty();
        } catch (IllegalArgumentException | GatewayException e) {
            n.problem("", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<RetentionConfig> retention(ConfigNode r) {
        Duration keep = r.duration("keepFor", null);
        String cron = r.string("schedule").orElse("0 0 3 * * ?");
        String zone = r.string("timeZone").orElse("UTC");
        r.finish();
        if (keep == null) {
            r.problem("keepFor", "is required (e.g. 90d); leave out retention: to keep everything forever");
            return Optional.empty();
        }
        try {
            return Optional.of(new RetentionConfig(keep, new ScheduleSpec("retention", ScheduleSpec.HOUSEKEEPING, cron,
                    org.hl7gw.schedules.GatewayScheduler.zone(zone))));
        } catch (IllegalArgumentException e) {
            r.problem("schedule", e.getMessage());
            return Optional.empty();
        }
    }

    private char[] read(Secret s) {
        return s.read(environment);
    }


}
