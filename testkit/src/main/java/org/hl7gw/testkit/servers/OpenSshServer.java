package org.hl7gw.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hl7gw.testkit.ssh.OpenSshClient;

/**
 * The real OpenSSH server ({@code /usr/sbin/sshd -D -e -f CONFIG}) on 127.0.0.1 and a free port, with its own
 * host key, an authorized client key, and a real local user ({@link LocalUser}) as the login: a partner's or a
 * mainframe's SFTP folder for the pollers' tests.
 *
 * <pre>
 * LocalUser user = LocalUser.testUser();
 * try (OpenSshServer sshd = OpenSshServer.builder(tempDir.resolve("sshd"), user).passwordAuthentication(true).start()) {
 *     Path outbound = user.ownedFolder(tempDir.resolve("outbound"));
 *     String url = sshd.sftpUrl(outbound);            // sftp://hl7gwtest@127.0.0.1:PORT/tmp/junit.../outbound
 *     String pin = sshd.hostKeyFingerprint();          // SHA256:...
 *     Path key = sshd.clientKey().privateKey();
 * }
 * </pre>
 *
 * <p>The configuration: {@code UsePAM no} (so that a password login checks /etc/shadow directly, which works as
 * root in a container), {@code StrictModes no} (the work folder is under /tmp), {@code PermitRootLogin no},
 * {@code Subsystem sftp internal-sftp}, {@code LogLevel VERBOSE} into {@link #log()}. Extra lines (e.g.
 * {@code HostKeyAlgorithms ssh-rsa} for a legacy server) come first: sshd takes the first value it reads for an
 * option, so they win over the launcher's own.
 *
 * <p>{@link #stop()} and {@link #kill()} end the server and its per-connection processes by their PIDs;
 * {@link #start()} brings it back on the same port with the same keys. The work folder must be on a path the
 * user can traverse: the launcher adds o+x to its ancestors.
 */
public final class OpenSshServer extends DaemonServer {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final LocalUser user;
    private final boolean passwordAuthentication;
    private final String hostKeyType;
    private final List<String> extraConfig;
    private final OpenSshClient.KeyFiles hostKey;
    private final OpenSshClient.KeyFiles clientKey;
    private final Path authorizedKeys;

    private OpenSshServer(Builder b) {
        this.dir = b.dir;
        this.user = b.user;
        this.passwordAuthentication = b.passwordAuthentication;
        this.hostKeyType = b.hostKeyType;
        this.extraConfig = List.copyOf(b.extraConfig);
        try {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation folder; services do not start here
            user.ownedFolder(dir); // makes the ancestors traversable; the user reads authorized_keys
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            this.hostKey = OpenSshClient.generateKey(dir, "ssh_host_" + hostKeyType + "_key", hostKeyType,
                    hostKeyType.equals("rsa") ? 2048 : 0);
            this.clientKey = OpenSshClient.generateKey(dir, "client_ed25519");
            this.authorizedKeys = dir.resolve("authorized_keys");
            Files.writeString(authorizedKeys, clientKey.publicKeyLine() + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(clientKey.privateKey(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sshd in " + dir, e);
        }
    }

    /** Whether /usr/sbin/sshd is installed (openssh-server). */
    public static boolean isInstalled() {
        return Files.isExecutable(SSHD);
    }

    public static Builder builder(Path workDir, LocalUser user) {
        return new Builder(workDir, user);
    }

    /** How the server is set up before it starts. */
    public static final class Builder {
        private final Path dir;
        private final LocalUser user;
        private boolean passwordAuthentication;
        private String hostKeyType = "ed25519";
        private final List<String> extraConfig = new ArrayList<>();

        private Builder(Path dir, LocalUser user) {
            this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
            this.user = Objects.requireNonNull(user, "user");
        }

        /** {@code PasswordAuthentication yes} (default no: keys only). */
        public Builder passwordAuthentication(boolean enabled) {
            this.passwordAuthentication = enabled;
            return this;
        }

        /** The host key type for ssh-keygen: ed25519 (default), rsa (2048 bits), ecdsa. */
        public Builder hostKeyType(String type) {
            this.hostKeyType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** More sshd_config lines, e.g. {@code KexAlgorithms diffie-hellman-group14-sha1}. */
        public Builder config(String... lines) {
            extraConfig.addAll(List.of(lines));
            return this;
        }

        /** Generates the keys and starts the server. */
        public OpenSshServer start() {
            OpenSshServer server = new OpenSshServer(this);
            server.start();
            return server;
        }
    }

    /**
     * Starts the server (again, after {@link #stop()} or {@link #kill()}: same port, same keys). The first start
     * picks a free port and retries with another if sshd could not bind it.
     */
    public synchronized void start() {
        if (daemon != null && daemon.isAlive()) {
            throw new IllegalStateException("sshd is already running: " + daemon);
        }
        boolean firstStart = port == 0;
        for (int attempt = 1; ; attempt++) {
            if (firstStart) {
                port = FreePorts.one();
            }
            writeConfig();
            daemon = Daemon.start("sshd", List.of(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString()), log());
            if (daemon.awaitListening(port, START_TIMEOUT)) {
                return;
            }
            daemon.kill();
            if (!firstStart || attempt >= 5) {
                throw new IllegalStateException("sshd did not start on 127.0.0.1:" + port + ":\n" + log(200));
            }
        }
    }



    public LocalUser user() {
        return user;
    }

    /** The host key's SHA-256 fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
    public String hostKeyFingerprint() {
        return OpenSshClient.fingerprint(hostKey.publicKey());
    }

    /** The host key pair (its public half is what clients pin). */
    public OpenSshClient.KeyFiles hostKey() {
        return hostKey;
    }

    /** An Ed25519 key without passphrase that may log in as the user. */
    public OpenSshClient.KeyFiles clientKey() {
        return clientKey;
    }

    /** Lets another public key log in (appends the line to authorized_keys). */
    public void authorize(String publicKeyLine) {
        try {
            Files.writeString(authorizedKeys, publicKeyLine.trim() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sftp://USER@127.0.0.1:PORT/ABSOLUTE/FOLDER}. */
    public String sftpUrl(Path folder) {
        return "sftp://" + user.name() + "@" + host() + ":" + port + folder.toAbsolutePath();
    }

    /** The OpenSSH {@code sftp} client logged in as the user with the client key. */
    public OpenSshClient client(Path workDir) {
        return OpenSshClient.connect(workDir, host(), port, user.name(), clientKey.privateKey());
    }

    public Path log() {
        return dir.resolve("sshd.log");
    }

    /** The last lines of the server's log, for failure messages. */
    public String log(int lastLines) {
        String text = daemon == null ? "" : daemon.logText();
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - lastLines), lines.size()));
    }

    private void writeConfig() {
        List<String> lines = new ArrayList<>(extraConfig);
        lines.addAll(List.of(
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey.privateKey(),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "PubkeyAuthentication yes",
                "PasswordAuthentication " + (passwordAuthentication ? "yes" : "no"),
                "KbdInteractiveAuthentication no",
                "PermitRootLogin no",
                "AllowUsers " + user.name(),
                "StrictModes no",
                "UsePAM no",
                "UseDNS no",
                "MaxStartups 64",
                "Subsystem sftp internal-sftp",
                "LogLevel VERBOSE"));
        try {
            Files.write(dir.resolve("sshd_config"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "OpenSshServer[127.0.0.1:" + port + ", " + user.name() + ", " + (daemon == null ? "not started" : daemon) + "]";
    }
}
