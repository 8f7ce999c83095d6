package org.hl7gw.sftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.hl7gw.core.partner.PartnerDirectory;
import org.hl7gw.core.partner.UploadHandler;
import org.hl7gw.sftp.internal.HandOff;
import org.hl7gw.sftp.internal.HostKeys;
import org.hl7gw.sftp.internal.HostKeys.HostKey;
import org.hl7gw.sftp.internal.JailedFileSystemFactory;
import org.hl7gw.sftp.internal.LoginGuard;
import org.hl7gw.sftp.internal.ModernAlgorithms;
import org.hl7gw.sftp.internal.PartnerFileAccessor;
import org.hl7gw.sftp.internal.PartnerSessions;
import org.hl7gw.sftp.internal.UploadEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFTP server partners upload their batch files to (Apache MINA SSHD).
 *
 * <p>What a partner gets: SFTP and nothing else (no shell, no commands, no legacy SCP, no port, agent or X11
 * forwarding); only modern algorithms (see {@code ModernAlgorithms}); a jail at its home where it sees
 * {@code inbox/} (upload there) and {@code outbox/} (read, rename and delete results there); logins by password
 * or public key, checked by the {@link PartnerDirectory}, with failed logins logged, slowed down and limited.
 *
 * <p>What the gateway gets: {@link UploadHandler#uploaded} once per completely uploaded inbox file: written and
 * closed by the client's SFTP CLOSE, nobody else writing it, under its final name (a {@code *.part},
 * {@code *.tmp}, {@code *.filepart} or dot-name completes when renamed to a final name). An upload cut off by a
 * dropped connection or a failed write is reported to {@link UploadHandler#interrupted} instead and stays in the
 * inbox. The handler is called on a thread of its own, never inside an SFTP request.
 *
 * <p>Usage: {@code try (var server = new PartnerSftpServer(settings, directory, handler)) { server.start(); ... }}.
 */
public final class PartnerSftpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerSftpServer.class);
    /** Sent as the SSH version string instead of MINA's (which names its exact version). */
    static final String SERVER_IDENTIFICATION = "HL7GW_SFTP";
    private static final int MAX_CHANNELS_PER_SESSION = 10;
    private static final int MAX_OPEN_HANDLES_PER_CHANNEL = 64;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final SftpServerSettings settings;
    private final PartnerDirectory directory;
    private final UploadHandler uploads;

    private SshServer sshd;
    private LoginGuard loginGuard;
    private HandOff handOff;
    private UploadEventListener uploadListener;
    private List<HostKey> hostKeys = List.of();

    public PartnerSftpServer(SftpServerSettings settings, PartnerDirectory directory, UploadHandler uploads) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
    }

    /**
     * Loads (or creates) the host keys, then listens.
     *
     * @throws org.hl7gw.core.ConfigurationException when a host key cannot be read or created
     * @throws SftpServerException when the address cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized void start() {
        if (sshd != null) {
            throw new IllegalStateException("the SFTP server is already started");
        }
        hostKeys = HostKeys.loadOrCreate(settings.hostKeys());
        loginGuard = new LoginGuard(directory, settings.maxAuthAttempts(), settings.failedLoginDelay());
        handOff = new HandOff(uploads);
        SshServer server = configure();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            stopQuietly(server);
            loginGuard.close();
            handOff.close(Duration.ZERO);
            throw new SftpServerException("the SFTP server cannot listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        sshd = server;
        InetSocketAddress bound = address();
        LOG.info("SFTP server listening on {}:{} ({})", bound.getAddress().getHostAddress(), bound.getPort(), String.join("; ", List.of(
                "kex " + String.join(",", ModernAlgorithms.offeredNames(ModernAlgorithms.KEY_EXCHANGE)),
                "ciphers " + String.join(",", ModernAlgorithms.offeredNames(ModernAlgorithms.CIPHERS)),
                "macs " + String.join(",", ModernAlgorithms.offeredNames(ModernAlgorithms.MACS)))));
        for (HostKey key : hostKeys) {
            LOG.info("SFTP host key {} {} ({})", key.type(), key.fingerprint(), key.file());
        }
    }

    private SshServer configure() {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(settings.bindAddress());
        server.setPort(settings.port());
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys.stream().map(HostKey::keyPair).toList()));
        ModernAlgorithms.applyTo(server);

        PartnerSessions sessions = new PartnerSessions(directory);
        server.addSessionListener(sessions);
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
        server.setPublickeyAuthenticator(loginGuard.keys());
        server.setPasswordAuthenticator(loginGuard.passwords());
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);

        // SFTP only: sessions are the only channel type, no shell, no exec (so no legacy scp), no forwarding
        server.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        server.setShellFactory(null);
        server.setCommandFactory(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setAgentFactory(null);

        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new PartnerFileAccessor())
                .build();
        uploadListener = new UploadEventListener(handOff);
        sftp.addSftpEventListener(uploadListener);
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new JailedFileSystemFactory(sessions));

        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, SERVER_IDENTIFICATION);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(server, settings.authTimeout());
        // our LoginGuard counts failed logins; MINA's counter (all requests, successes and "none" included) is
        // only a backstop set above what a legitimate login needs
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, settings.maxAuthAttempts() + 3);
        CoreModuleProperties.MAX_CONCURRENT_SESSIONS.set(server, settings.maxSessionsPerLogin());
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(server, MAX_CHANNELS_PER_SESSION);
        SftpModuleProperties.AUTO_FOLLOW_LINKS.set(server, false);
        SftpModuleProperties.MAX_OPEN_HANDLES_PER_SESSION.set(server, MAX_OPEN_HANDLES_PER_CHANNEL);
        return server;
    }

    /** The bound port (useful with port 0). */
    public synchronized int port() {
        return address().getPort();
    }

    /** The bound address. */
    public synchronized InetSocketAddress address() {
        if (sshd == null) {
            throw new IllegalStateException("the SFTP server is not started");
        }
        for (SocketAddress a : sshd.getBoundAddresses()) {
            if (a instanceof InetSocketAddress inet) {
                return inet;
            }
        }
        throw new IllegalStateException("the SFTP server has no bound address");
    }

    /**
     * The host keys' SHA-256 fingerprints as OpenSSH prints them ({@code SHA256:...}), in the order of the
     * settings; what partners compare when they first connect.
     */
    public synchronized List<String> hostKeyFingerprints() {
        return hostKeys.stream().map(HostKey::fingerprint).toList();
    }

    /** Stops listening and closes every session; interrupted uploads are still reported to the handler. */
    @Override
    public synchronized void close() {
        if (sshd == null) {
            return;
        }
        stopQuietly(sshd);
        sshd = null;
        loginGuard.close();
        if (!uploadListener.awaitNoOpenWriters(STOP_WAIT)) {
            LOG.warn("uploads still open {} after the sessions were closed; they may not be reported as interrupted",
                    STOP_WAIT);
        }
        handOff.close();
        LOG.info("SFTP server stopped");
    }

    private static void stopQuietly(SshServer server) {
        try {
            server.stop(true);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the SFTP server did not stop cleanly: {}", e.toString());
        }
    }
}
