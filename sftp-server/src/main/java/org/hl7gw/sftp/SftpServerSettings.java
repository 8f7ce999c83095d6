package org.hl7gw.sftp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How the partner SFTP server listens and how hard it is on clients.
 *
 * @param bindAddress the address to listen on: an IP literal ({@code 0.0.0.0}, {@code 127.0.0.1}, {@code ::}) or
 *     a host name
 * @param port the TCP port; 0 picks any free port (for tests, read it back with {@link PartnerSftpServer#port()})
 * @param hostKeys the host key files, in OpenSSH or PEM format, without passphrase. A listed file that does not
 *     exist is created on first start (an Ed25519 key, mode 0600, with its {@code .pub} next to it), so the
 *     fingerprint partners pin stays the same across restarts
 * @param idleTimeout a session without traffic for this long is closed
 * @param authTimeout a client that has not logged in after this long is disconnected
 * @param maxAuthAttempts failed logins (wrong password, refused key) allowed on one connection; the next failure
 *     closes the connection. 1 to 100
 * @param failedLoginDelay how long the server waits before it answers a failed login (slows down password
 *     guessing); zero to one minute
 * @param maxSessionsPerLogin how many SSH connections one login may hold at once; 1 to 1000
 */
public record SftpServerSettings(
        String bindAddress,
        int port,
        List<Path> hostKeys,
        Duration idleTimeout,
        Duration authTimeout,
        int maxAuthAttempts,
        Duration failedLoginDelay,
        int maxSessionsPerLogin) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_AUTH_ATTEMPTS = 6;
    public static final Duration DEFAULT_FAILED_LOGIN_DELAY = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_SESSIONS_PER_LOGIN = 4;

    public SftpServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(hostKeys, "hostKeys");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(failedLoginDelay, "failedLoginDelay");
        hostKeys = List.copyOf(hostKeys);
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("sftp bind address is empty: give an address such as 0.0.0.0 or 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("sftp port must be 0 to 65535, got " + port);
        }
        if (hostKeys.isEmpty()) {
            throw new IllegalArgumentException("sftp needs at least one host key file");
        }
        if (new HashSet<>(hostKeys.stream().map(p -> p.toAbsolutePath().normalize()).toList()).size() != hostKeys.size()) {
            throw new IllegalArgumentException("sftp host key files are listed twice: " + hostKeys);
        }
        requirePositive("sftp idle timeout", idleTimeout);
        requirePositive("sftp auth timeout", authTimeout);
        if (maxAuthAttempts < 1 || maxAuthAttempts > 100) {
            throw new IllegalArgumentException("sftp max auth attempts must be 1 to 100, got " + maxAuthAttempts);
        }
        if (failedLoginDelay.isNegative() || failedLoginDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("sftp failed-login delay must be 0 to 1 minute, got " + failedLoginDelay);
        }
        if (maxSessionsPerLogin < 1 || maxSessionsPerLogin > 1000) {
            throw new IllegalArgumentException("sftp max sessions per login must be 1 to 1000, got " + maxSessionsPerLogin);
        }
    }

    /** Listens on {@code bindAddress:port} with the given host keys and the default limits. */
    public static SftpServerSettings of(String bindAddress, int port, List<Path> hostKeys) {
        return new SftpServerSettings(bindAddress, port, hostKeys, DEFAULT_IDLE_TIMEOUT, DEFAULT_AUTH_TIMEOUT,
                DEFAULT_MAX_AUTH_ATTEMPTS, DEFAULT_FAILED_LOGIN_DELAY, DEFAULT_MAX_SESSIONS_PER_LOGIN);
    }

    public SftpServerSettings withHostKeys(List<Path> files) {
        return new SftpServerSettings(bindAddress, port, files, idleTimeout, authTimeout, maxAuthAttempts,
                failedLoginDelay, maxSessionsPerLogin);
    }

    public SftpServerSettings withTimeouts(Duration idle, Duration auth) {
        return new SftpServerSettings(bindAddress, port, hostKeys, idle, auth, maxAuthAttempts, failedLoginDelay,
                maxSessionsPerLogin);
    }

    public SftpServerSettings withLoginLimits(int attempts, Duration delay) {
        return new SftpServerSettings(bindAddress, port, hostKeys, idleTimeout, authTimeout, attempts, delay,
                maxSessionsPerLogin);
    }

    public SftpServerSettings withMaxSessionsPerLogin(int sessions) {
        return new SftpServerSettings(bindAddress, port, hostKeys, idleTimeout, authTimeout, maxAuthAttempts,
                failedLoginDelay, sessions);
    }

    private static void requirePositive(String what, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
