package org.hl7gw.ftps;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the partners' FTPS server.
 *
 * <p>The certificate chain and the private key are PEM files as {@code openssl} and ACME clients write them:
 * the chain holds the server's certificate first, then any intermediates; the key is an unencrypted PKCS#8
 * {@code -----BEGIN PRIVATE KEY-----} block (RSA or EC). Keys in the older {@code BEGIN RSA PRIVATE KEY} or
 * {@code BEGIN EC PRIVATE KEY} forms are refused with the {@code openssl pkcs8 -topk8 -nocrypt} command that
 * converts them. The files are read when the server is built, not here.
 *
 * @param bindAddress the local address to listen on ({@code 0.0.0.0} for all, {@code 127.0.0.1} for tests)
 * @param port the control port; 0 picks a free port (tests; read it back with {@link PartnerFtpsServer#port()})
 * @param mode explicit ({@code AUTH TLS}, usually port 21) or implicit (TLS from the first byte, usually 990)
 * @param certificateChain PEM file with the server certificate and its intermediates
 * @param privateKey PEM file with the server certificate's private key (PKCS#8, unencrypted)
 * @param protocols TLS versions offered; a non-empty subset of TLS 1.3 and TLS 1.2
 * @param passivePorts the ports for passive data connections (a firewall must let them through)
 * @param passiveAddress the address announced in PASV replies when the server sits behind NAT; null to
 *                       announce the address the client connected to
 * @param idleTimeout how long a control or data connection may stay silent before it is closed (whole seconds)
 * @param maxLogins how many partner sessions may be logged in at once (all partners together)
 * @param failedLoginDelay how long the server waits before answering a wrong password (slows guessing down)
 */
public record FtpsServerSettings(
        String bindAddress,
        int port,
        TlsMode mode,
        Path certificateChain,
        Path privateKey,
        Set<TlsProtocol> protocols,
        PassivePorts passivePorts,
        String passiveAddress,
        Duration idleTimeout,
        int maxLogins,
        Duration failedLoginDelay) {

    /** Failed logins allowed on one connection before the server closes it. */
    public static final int MAX_LOGIN_FAILURES_PER_CONNECTION = 3;

    public FtpsServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(protocols, "protocols");
        Objects.requireNonNull(passivePorts, "passivePorts");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(failedLoginDelay, "failedLoginDelay");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress: write an address such as 0.0.0.0 or 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols: offer at least one of TLSv1.3 and TLSv1.2");
        }
        protocols = Set.copyOf(EnumSet.copyOf(protocols));
        if (passiveAddress != null && passiveAddress.isBlank()) {
            passiveAddress = null;
        }
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 || idleTimeout.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("idleTimeout " + idleTimeout + " must lie between 1s and 24h");
        }
        if (maxLogins < 1) {
            throw new IllegalArgumentException("maxLogins " + maxLogins + " must be at least 1");
        }
        if (failedLoginDelay.isNegative() || failedLoginDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("failedLoginDelay " + failedLoginDelay + " must lie between 0 and 1m");
        }
    }

    /**
     * Settings with the usual defaults: TLS 1.3 and 1.2, any free passive port, no NAT address, 5 minutes
     * idle timeout, 50 logins, 2 seconds delay after a wrong password.
     */
    public static FtpsServerSettings of(String bindAddress, int port, TlsMode mode, Path certificateChain, Path privateKey) {
        return new FtpsServerSettings(bindAddress, port, mode, certificateChain, privateKey,
                EnumSet.allOf(TlsProtocol.class), PassivePorts.ANY, null, Duration.ofMinutes(5), 50, Duration.ofSeconds(2));
    }

    public FtpsServerSettings withProtocols(Set<TlsProtocol> offered) {
        return new FtpsServerSettings(bindAddress, port, mode, certificateChain, privateKey, offered, passivePorts,
                passiveAddress, idleTimeout, maxLogins, failedLoginDelay);
    }

    public FtpsServerSettings withPassivePorts(PassivePorts ports, String announcedAddress) {
        return new FtpsServerSettings(bindAddress, port, mode, certificateChain, privateKey, protocols, ports,
                announcedAddress, idleTimeout, maxLogins, failedLoginDelay);
    }

    public FtpsServerSettings withIdleTimeout(Duration timeout) {
        return new FtpsServerSettings(bindAddress, port, mode, certificateChain, privateKey, protocols, passivePorts,
                passiveAddress, timeout, maxLogins, failedLoginDelay);
    }

    public FtpsServerSettings withMaxLogins(int logins) {
        return new FtpsServerSettings(bindAddress, port, mode, certificateChain, privateKey, protocols, passivePorts,
                passiveAddress, idleTimeout, logins, failedLoginDelay);
    }

    public FtpsServerSettings withFailedLoginDelay(Duration delay) {
        return new FtpsServerSettings(bindAddress, port, mode, certificateChain, privateKey, protocols, passivePorts,
                passiveAddress, idleTimeout, maxLogins, delay);
    }

    /** The idle timeout in whole seconds, rounded up (Apache FtpServer counts seconds). */
    public int idleTimeoutSeconds() {
        long ms = idleTimeout.toMillis();
        return (int) Math.max(1, (ms + 999) / 1000);
    }
}
