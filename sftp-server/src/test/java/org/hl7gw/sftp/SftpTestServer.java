package org.hl7gw.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.hl7gw.testkit.ssh.OpenSshClient.KeyFiles;

/**
 * A {@link PartnerSftpServer} on 127.0.0.1 with two partners, {@code acme} (key and password) and {@code beta}
 * (key only), homes under {@code dir/homes}, a recording upload handler, a 200 ms failed-login delay and three
 * allowed failures.
 */
final class SftpTestServer implements AutoCloseable {
    static final String ACME = "acme";
    static final String BETA = "beta";
    static final String ACME_PASSWORD = "Correct-Horse-7-Battery";
    static final Duration LOGIN_DELAY = Duration.ofMillis(200);
    static final int MAX_AUTH_ATTEMPTS = 3;

    final Path dir;
    final Path homes;
    final KeyFiles acmeKey;
    final KeyFiles betaKey;
    final KeyFiles strangerKey;
    final TestPartners partners = new TestPartners();
    final RecordingUploadHandler handler = new RecordingUploadHandler();
    final SftpServerSettings settings;
    final PartnerSftpServer server;

    private SftpTestServer(Path dir, UnaryOperator<SftpServerSettings> tweak) throws IOException {
        this.dir = dir;
        this.homes = Files.createDirectories(dir.resolve("homes"));
        Path keys = Files.createDirectories(dir.resolve("client-keys"));
        acmeKey = OpenSshClient.generateKey(keys, "acme_ed25519");
        betaKey = OpenSshClient.generateKey(keys, "beta_ed25519");
        strangerKey = OpenSshClient.generateKey(keys, "stranger_ed25519");
        partners.add(ACME, homes.resolve(ACME), ACME_PASSWORD, acmeKey.publicKey());
        partners.add(BETA, homes.resolve(BETA), null, betaKey.publicKey());
        SftpServerSettings base = SftpServerSettings.of("127.0.0.1", 0, List.of(dir.resolve("host/ssh_host_ed25519_key")))
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(20))
                .withLoginLimits(MAX_AUTH_ATTEMPTS, LOGIN_DELAY)
                .withMaxSessionsPerLogin(8);
        settings = tweak.apply(base);
        server = new PartnerSftpServer(settings, partners, handler);
        server.start();
    }

    static SftpTestServer start(Path dir) throws IOException {
        return start(dir, s -> s);
    }

    static SftpTestServer start(Path dir, UnaryOperator<SftpServerSettings> tweak) throws IOException {
        return new SftpTestServer(dir, tweak);
    }

    int port() {
        return server.port();
    }

    /**
     * The OpenSSH client logged in as {@code login} with its own key. It asks for curve25519-sha256: OpenSSH's
     * first choice, sntrup761x25519, costs the server a few hundred milliseconds per connection in Bouncy Castle,
     * which adds up over a test suite; AlgorithmsIT covers the other key exchanges.
     */
    OpenSshClient client(String login) {
        return plainClient(login).withOptions("KexAlgorithms=curve25519-sha256");
    }

    /** The OpenSSH client with its own defaults, for algorithm tests. */
    OpenSshClient plainClient(String login) {
        KeyFiles key = switch (login) {
            case ACME -> acmeKey;
            case BETA -> betaKey;
            default -> strangerKey;
        };
        return OpenSshClient.connect(dir.resolve("client-" + login), "127.0.0.1", port(), login, key.privateKey());
    }

    Path home(String login) {
        return homes.resolve(login);
    }

    Path inbox(String login) {
        return home(login).resolve("inbox");
    }

    Path outbox(String login) {
        return home(login).resolve("outbox");
    }

    /** A local file of {@code size} random bytes (seeded by its name) to upload. */
    Path localFile(String name, int size) {
        try {
            Path local = Files.createDirectories(dir.resolve("local")).resolve(name);
            Random random = new Random(name.hashCode());
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(local)) {
                for (int left = size; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, Math.min(left, chunk.length));
                }
            }
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
