package org.hl7gw.poller.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.hl7gw.poller.Credentials;
import org.hl7gw.poller.FolderUnreachableException;
import org.hl7gw.poller.HostKeyRejectedException;
import org.hl7gw.poller.LoginRefusedException;
import org.hl7gw.poller.PollerException;
import org.hl7gw.poller.PollerSettings;
import org.hl7gw.poller.PollerUrl;
import org.hl7gw.poller.Stability;
import org.hl7gw.poller.internal.FolderSession;
import org.hl7gw.poller.internal.RemoteFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder on an SFTP server, reached with Apache MINA SSHD's client: one {@link SshClient} and session per run,
 * host key checked against the pinned fingerprint before anything is sent, then public key and/or password
 * authentication, then the SFTP subsystem.
 *
 * <p>The client ignores the process user's ~/.ssh (no config, no default keys, no known_hosts): everything comes
 * from the settings. Private keys may be in OpenSSH format ({@code BEGIN OPENSSH PRIVATE KEY}, what ssh-keygen
 * writes) or PEM, with or without passphrase.
 */
public final class SftpFolder implements RemoteFolder {
    private static final Logger LOG = LoggerFactory.getLogger(SftpFolder.class);

    private final PollerSettings settings;
    private final PollerUrl url;

    public SftpFolder(PollerSettings settings) {
        this.settings = settings;
        this.url = settings.url();
        if (url.protocol() != PollerUrl.Protocol.SFTP) {
            throw new IllegalArgumentException("not an sftp:// poller: " + url);
        }
    }

    @Override
    public String describe() {
        return url.toString();
    }

    @Override
    public FolderSession open() {
        String server = url.host() + ":" + url.port();
        PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(settings.ssh().hostKey());
        SshClient client = newClient(verifier);
        ClientSession session = null;
        String phase = "connect to " + server;
        try {
            client.start();
            session = client.connect(url.user(), url.host(), url.port()).verify(settings.timeouts().connect()).getSession();
            phase = "log in to " + server + " as " + url.user();
            addIdentities(session);
            session.auth().verify(settings.timeouts().connect());
            if (settings.ssh().insecureAcceptAnyHostKey()) {
                LOG.warn("poller {}: accepted the host key of {} without checking it (insecureAcceptAnyHostKey); to pin it: hostKey: {}",
                        settings.id(), server, verifier.presented().orElse("?"));
            }
            phase = "start SFTP on " + server;
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            SftpFolderSession folder = new SftpFolderSession(client, session, sftp, url.folder());
            phase = "open folder " + url.path() + " on " + server;
            folder.checkFolder(url.path());
            return folder;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            closeQuietly(session, client);
            throw translate(e, phase, server, verifier);
        }
    }

    private SshClient newClient(PinnedHostKeyVerifier verifier) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(verifier);
        SshAlgorithms.apply(client, settings.ssh().legacyAlgorithms());
        Duration connect = settings.timeouts().connect();
        Duration read = settings.timeouts().read();
        // the SFTP client waits for each answer up to the idle timeout; a run may also sit idle for the stability wait
        Duration idle = read.plus(settings.stability() instanceof Stability.StableFor s && s.waitsInRun() ? s.stableFor() : Duration.ZERO);
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, connect);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, connect);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, idle);
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, connect);
        SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, connect);
        return client;
    }

    private void addIdentities(ClientSession session) throws IOException, GeneralSecurityException {
        Credentials credentials = settings.credentials();
        Optional<Path> keyFile = credentials.privateKey();
        if (keyFile.isPresent()) {
            Optional<char[]> passphrase = credentials.passphrase();
            FilePasswordProvider provider = passphrase.map(p -> FilePasswordProvider.of(new String(p))).orElse(FilePasswordProvider.EMPTY);
            passphrase.ifPresent(p -> Arrays.fill(p, '\0'));
            Iterable<KeyPair> keys;
            try (InputStream in = Files.newInputStream(keyFile.get())) {
                keys = SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(keyFile.get().toString()), in, provider);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new LoginRefusedException("cannot read private key " + keyFile.get() + " (wrong passphrase or unsupported format): "
                        + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            int n = 0;
            for (KeyPair key : keys == null ? java.util.List.<KeyPair>of() : keys) {
                session.addPublicKeyIdentity(key);
                n++;
            }
            if (n == 0) {
                throw new LoginRefusedException("no private key found in " + keyFile.get() + " (a passphrase may be needed)");
            }
        }
        credentials.password().ifPresent(p -> {
            session.addPasswordIdentity(new String(p));
            Arrays.fill(p, '\0');
        });
    }

    private PollerException translate(Exception e, String phase, String server, PinnedHostKeyVerifier verifier) {
        if (e instanceof PollerException pe) {
            return pe;
        }
        Optional<String> rejected = verifier.rejected();
        if (rejected.isPresent()) {
            return new HostKeyRejectedException(server, settings.ssh().hostKey().orElse("?"), rejected.get());
        }
        Throwable root = rootCause(e);
        String how = explain(e, root);
        if (root instanceof ConnectException || root instanceof NoRouteToHostException || root instanceof UnknownHostException) {
            return new FolderUnreachableException("cannot " + phase + ": " + how, e);
        }
        String lower = how.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("negotiate")) {
            String hint = settings.ssh().legacyAlgorithms() ? "" : " (an old server may need legacyAlgorithms: true)";
            return new FolderUnreachableException("cannot " + phase + ": no algorithms in common with the server: " + how + hint, e);
        }
        if (phase.startsWith("log in") && lower.contains("authentication")) {
            Credentials c = settings.credentials();
            String methods = (c.privateKey().isPresent() ? "key " + c.privateKey().get() : "")
                    + (c.privateKey().isPresent() && c.hasPassword() ? " and " : "")
                    + (c.hasPassword() ? "password" : "");
            return new LoginRefusedException("login refused: " + server + " did not accept user " + url.user() + " with " + methods + " (" + how + ")", e);
        }
        if (e instanceof SftpException se) {
            String what = switch (se.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH -> "no such folder";
                case SftpConstants.SSH_FX_PERMISSION_DENIED -> "permission denied";
                default -> how;
            };
            return new FolderUnreachableException("cannot " + phase + ": " + what, e);
        }
        return new FolderUnreachableException("cannot " + phase + ": " + how, e);
    }

    private static String explain(Exception e, Throwable root) {
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (e instanceof SshException && root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close(true);
            }
        } catch (RuntimeException e) {
            LOG.debug("closing the SSH session failed", e);
        }
        try {
            client.stop();
        } catch (RuntimeException e) {
            LOG.debug("stopping the SSH client failed", e);
        }
    }
}
