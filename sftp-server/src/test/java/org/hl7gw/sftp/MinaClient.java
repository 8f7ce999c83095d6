package org.hl7gw.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * MINA's own SSH client, for what OpenSSH cannot do from a test: log in with a password, hold two write handles
 * on one file, send raw SFTP requests (plain RENAME, SYMLINK, copy-file...).
 */
final class MinaClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final SshClient client;
    final ClientSession session;

    private MinaClient(SshClient client, ClientSession session) {
        this.client = client;
        this.session = session;
    }

    /** Connects as {@code login}, not yet authenticated. */
    static MinaClient connect(int port, String login) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        try {
            ClientSession session = client.connect(login, "127.0.0.1", port).verify(TIMEOUT).getSession();
            return new MinaClient(client, session);
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    /** Connected and logged in with the partner's ssh-keygen key. */
    static MinaClient withKey(SftpTestServer server, String login) throws IOException {
        Path key = SftpTestServer.ACME.equals(login) ? server.acmeKey.privateKey() : server.betaKey.privateKey();
        MinaClient c = connect(server.port(), login);
        try (InputStream in = Files.newInputStream(key)) {
            for (KeyPair pair : SecurityUtils.loadKeyPairIdentities(null, new PathResource(key), in, null)) {
                c.session.addPublicKeyIdentity(pair);
            }
            c.session.auth().verify(TIMEOUT);
            return c;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            c.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** Connected and logged in with a password. */
    static MinaClient withPassword(int port, String login, String password) throws IOException {
        MinaClient c = connect(port, login);
        try {
            c.session.addPasswordIdentity(password);
            c.session.auth().verify(TIMEOUT);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A new SFTP channel on the session. */
    SftpClient sftp() throws IOException {
        return SftpClientFactory.instance().createSftpClient(session);
    }

    @Override
    public void close() {
        try {
            session.close(true);
        } finally {
            client.stop();
        }
    }
}
