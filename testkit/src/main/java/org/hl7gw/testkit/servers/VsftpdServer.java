package org.hl7gw.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hl7gw.testkit.ftp.FtpsEndpoint;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;

/**
 * The real vsftpd ({@code /usr/sbin/vsftpd CONFIG}, in the foreground) on 127.0.0.1: plain FTP, explicit FTPS
 * ({@code AUTH TLS}) or implicit FTPS, with its own self-signed certificate for 127.0.0.1 and localhost, passive
 * mode on a free port range, and a real local user ({@link LocalUser}; vsftpd refuses root).
 *
 * <pre>
 * try (VsftpdServer ftp = VsftpdServer.builder(tempDir.resolve("vsftpd"), LocalUser.testUser()).tls(Tls.EXPLICIT).start()) {
 *     Path outbound = ftp.user().ownedFolder(tempDir.resolve("outbound"));
 *     String url = ftp.ftpUrl(outbound);                 // ftp://hl7gwtest@127.0.0.1:PORT/tmp/junit.../outbound
 *     Path trust = ftp.certificate().certificate();      // PEM to trust
 * }
 * </pre>
 *
 * <p>With TLS, the configuration forces TLS for logins and data ({@code force_local_logins_ssl},
 * {@code force_local_data_ssl}) and leaves {@code require_ssl_reuse} at vsftpd's default, YES: a data connection
 * must resume the control connection's TLS session, which is what partners' servers do and what trips Java
 * clients. {@code ssl_ciphers=HIGH} replaces vsftpd's built-in default (DES-CBC3-SHA, which current TLS 1.2 clients
 * refuse); vsftpd negotiates TLS 1.3 when the client offers it. Extra lines come last and win.
 *
 * <p>{@link #stop()} and {@link #kill()} end the listener and its per-session processes by PID; {@link #start()}
 * brings it back on the same ports. {@link #log()} has the protocol log ({@code log_ftp_protocol=YES}).
 */
public final class VsftpdServer extends DaemonServer {
    private static final Path VSFTPD = Path.of("/usr/sbin/vsftpd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int PASSIVE_PORTS = 10;

    /** How the server uses TLS. */
    public enum Tls {
        /** Plain FTP: logins and data in clear text. */
        NONE,
        /** {@code AUTH TLS} on the control port, then TLS everywhere (required). */
        EXPLICIT,
        /** TLS from the first byte on the control port (FTPS, "port 990" style). */
        IMPLICIT
    }

    private final Path dir;
    private final LocalUser user;
    private final Tls tls;
    private final List<String> extraConfig;
    private final SelfSignedCertificate certificate;
    private int passiveFrom;

    private VsftpdServer(Builder b) {
        this.dir = b.dir;
        this.user = b.user;
        this.tls = b.tls;
        this.extraConfig = List.copyOf(b.extraConfig);
        try {
            Files.createDirectories(dir);
            Path empty = Files.createDirectories(dir.resolve("empty")); // secure_chroot_dir: empty, owned by root
            Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rwxr-xr-x"));
            this.certificate = tls == Tls.NONE ? null : SelfSignedCertificate.create(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare vsftpd in " + dir, e);
        }
    }

    /** Whether /usr/sbin/vsftpd is installed. */
    public static boolean isInstalled() {
        return Files.isExecutable(VSFTPD);
    }

    public static Builder builder(Path workDir, LocalUser user) {
        return new Builder(workDir, user);
    }

    /** How the server is set up before it starts. */
    public static final class Builder {
        private final Path dir;
        private final LocalUser user;
        private Tls tls = Tls.EXPLICIT;
        private final List<String> extraConfig = new ArrayList<>();

        private Builder(Path dir, LocalUser user) {
            this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
            this.user = Objects.requireNonNull(user, "user");
        }

        /** Plain, explicit (default) or implicit TLS. */
        public Builder tls(Tls mode) {
            this.tls = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** More vsftpd.conf lines, e.g. {@code require_ssl_reuse=NO} or {@code ssl_tlsv1_3=NO}. */
        public Builder config(String... lines) {
            extraConfig.addAll(List.of(lines));
            return this;
        }

        public VsftpdServer start() {
            VsftpdServer server = new VsftpdServer(this);
            server.start();
            return server;
        }
    }

    /** Starts the server (again, after a stop or kill: same ports, same certificate). */
    public synchronized void start() {
        if (daemon != null && daemon.isAlive()) {
            throw new IllegalStateException("vsftpd is already running: " + daemon);
        }
        boolean firstStart = port == 0;
        for (int attempt = 1; ; attempt++) {
            if (firstStart) {
                port = FreePorts.one();
                passiveFrom = FreePorts.range(PASSIVE_PORTS);
            }
            writeConfig();
            daemon = Daemon.start("vsftpd", List.of(VSFTPD.toString(), configFile().toString()), dir.resolve("vsftpd.out"));
            if (daemon.awaitListening(port, START_TIMEOUT)) {
                return;
            }
            daemon.kill();
            if (!firstStart || attempt >= 5) {
                throw new IllegalStateException("vsftpd did not start on 127.0.0.1:" + port + ":\n" + daemon.logText() + "\n" + log(50));
            }
        }
    }



    public Tls tls() {
        return tls;
    }

    public LocalUser user() {
        return user;
    }

    /** The server's certificate and key (PEM); the certificate is what clients trust. Absent for plain FTP. */
    public SelfSignedCertificate certificate() {
        if (certificate == null) {
            throw new IllegalStateException("a plain FTP server has no certificate");
        }
        return certificate;
    }

    /** {@code ftp://USER@127.0.0.1:PORT/ABSOLUTE/FOLDER}. */
    public String ftpUrl(Path folder) {
        return "ftp://" + user.name() + "@" + host() + ":" + port + folder.toAbsolutePath();
    }

    /** Where curl and lftp (testkit.ftp) log in. */
    public FtpsEndpoint endpoint() {
        return new FtpsEndpoint(host(), port, tls == Tls.IMPLICIT, user.name(), user.password());
    }

    /** The protocol log. */
    /** The vsftpd.conf it runs with. */
    public Path configFile() {
        return dir.resolve("vsftpd.conf");
    }

    public Path log() {
        return dir.resolve("vsftpd.log");
    }

    public String log(int lastLines) {
        try {
            List<String> lines = Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - lastLines), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log() + ": " + e + ")";
        }
    }

    private void writeConfig() {
        List<String> lines = new ArrayList<>(List.of(
                "listen=YES",
                "listen_ipv6=NO",
                "listen_address=127.0.0.1",
                "listen_port=" + port,
                "background=NO",
                "anonymous_enable=NO",
                "local_enable=YES",
                "write_enable=YES",
                "local_umask=022",
                "pam_service_name=vsftpd",
                "secure_chroot_dir=" + dir.resolve("empty"),
                "seccomp_sandbox=NO",
                "pasv_enable=YES",
                "pasv_address=127.0.0.1",
                "pasv_min_port=" + passiveFrom,
                "pasv_max_port=" + (passiveFrom + PASSIVE_PORTS - 1),
                "max_per_ip=0",
                "vsftpd_log_file=" + log(),
                "xferlog_enable=YES",
                "xferlog_std_format=NO",
                "log_ftp_protocol=YES"));
        if (tls == Tls.NONE) {
            lines.add("ssl_enable=NO");
        } else {
            lines.addAll(List.of(
                    "ssl_enable=YES",
                    "rsa_cert_file=" + certificate.certificate(),
                    "rsa_private_key_file=" + certificate.privateKey(),
                    "ssl_ciphers=HIGH",
                    "force_local_logins_ssl=YES",
                    "force_local_data_ssl=YES",
                    "implicit_ssl=" + (tls == Tls.IMPLICIT ? "YES" : "NO")));
        }
        lines.addAll(extraConfig);
        try {
            Files.write(configFile(), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "VsftpdServer[127.0.0.1:" + port + ", " + tls + ", " + user.name() + ", " + (daemon == null ? "not started" : daemon) + "]";
    }
}
