package org.hl7gw.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.sftp.client.SftpClient;
import org.hl7gw.sftp.internal.LoginGuard;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.hl7gw.testkit.ssh.OpenSshClient.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins: keys with OpenSSH, passwords with MINA's own client (OpenSSH cannot type a password without a
 * terminal); failures refused, logged without the password, slowed down and limited.
 */
class LoginIT {
    @TempDir
    Path dir;
    SftpTestServer sftp;
    LogCapture guardLog;
    LogCapture sessionLog;

    @BeforeAll
    static void openSshIsThere() {
        assertThat(OpenSshClient.isInstalled()).as("OpenSSH client on PATH").isTrue();
    }

    @BeforeEach
    void start() throws IOException {
        guardLog = new LogCapture(LoginGuard.class);
        sessionLog = new LogCapture(org.hl7gw.sftp.internal.PartnerSessions.class);
        sftp = SftpTestServer.start(dir, s -> s.withMaxSessionsPerLogin(2));
    }

    @AfterEach
    void stop() {
        sftp.close();
        guardLog.close();
        sessionLog.close();
    }

    @Test
    void aPartnerLogsInWithItsKeyAndFindsItsInboxAndOutboxCreated() {
        Result r = sftp.client(SftpTestServer.ACME).sftp("ls -1");

        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.stdout()).contains("inbox").contains("outbox");
        assertThat(sftp.inbox(SftpTestServer.ACME)).isDirectory();
        assertThat(sftp.outbox(SftpTestServer.ACME)).isDirectory();
        assertThat(sessionLog.messages(Level.INFO)).anySatisfy(m -> assertThat(m)
                .startsWith("partner acme (login acme) logged in from 127.0.0.1:").contains("by publickey ssh-ed25519 SHA256:"));
        assertThat(guardLog.messages(Level.WARN)).isEmpty();
    }

    @Test
    void aKeyThatIsNotTheLoginsIsRefusedAndLogged() {
        OpenSshClient stranger = sftp.client(SftpTestServer.ACME).as(SftpTestServer.ACME, sftp.strangerKey.privateKey());

        Result r = stranger.withOptions("LogLevel=INFO").sftp("ls");

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.stderr()).contains("Permission denied (publickey,password)");
        assertThat(guardLog.messages(Level.WARN)).singleElement().satisfies(m -> assertThat(m)
                .startsWith("failed login for acme from 127.0.0.1:").contains("by publickey")
                .contains(OpenSshClient.fingerprint(sftp.strangerKey.publicKey())).contains("not authorized"));
        assertThat(sftp.home(SftpTestServer.ACME)).doesNotExist();
    }

    @Test
    void anotherPartnersKeyDoesNotOpenThisPartnersAccount() {
        Result r = sftp.client(SftpTestServer.BETA).as(SftpTestServer.ACME, sftp.betaKey.privateKey()).sftp("ls");

        assertThat(r.ok()).as(r.output()).isFalse();
    }

    @Test
    void aPartnerLogsInWithItsPassword() throws IOException {
        try (MinaClient mina = MinaClient.withPassword(sftp.port(), SftpTestServer.ACME, SftpTestServer.ACME_PASSWORD);
                SftpClient client = mina.sftp()) {
            assertThat(client.readDir("/")).extracting(SftpClient.DirEntry::getFilename).contains("inbox", "outbox");
        }
        assertThat(sessionLog.messages(Level.INFO)).anySatisfy(m -> assertThat(m).contains("logged in").endsWith("by password"));
    }

    @Test
    void aWrongPasswordIsRefusedAfterTheDelayAndLoggedWithoutThePassword() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> MinaClient.withPassword(sftp.port(), SftpTestServer.ACME, "Wrong-Guess-42"))
                .isInstanceOf(IOException.class);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(SftpTestServer.LOGIN_DELAY);
        assertThat(guardLog.messages(Level.WARN)).singleElement().satisfies(m -> assertThat(m)
                .startsWith("failed login for acme from 127.0.0.1:").contains("by password").contains("failure 1 of 3"));
        assertThat(guardLog.all()).noneSatisfy(m -> assertThat(m).contains("Wrong-Guess-42"))
                .noneSatisfy(m -> assertThat(m).contains(SftpTestServer.ACME_PASSWORD));
    }

    @Test
    void aPasswordForALoginWithoutOneOrAnUnknownLoginIsRefused() {
        assertThatThrownBy(() -> MinaClient.withPassword(sftp.port(), SftpTestServer.BETA, SftpTestServer.ACME_PASSWORD))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MinaClient.withPassword(sftp.port(), "nobody\u001b[2J", SftpTestServer.ACME_PASSWORD))
                .isInstanceOf(IOException.class);

        assertThat(guardLog.messages(Level.WARN)).hasSize(2)
                .anySatisfy(m -> assertThat(m).startsWith("failed login for beta from"))
                .anySatisfy(m -> assertThat(m).startsWith("failed login for nobody?[2J from"));
    }

    @Test
    void theConnectionIsClosedAtTheLastAllowedFailure() throws IOException {
        try (MinaClient mina = MinaClient.connect(sftp.port(), SftpTestServer.ACME)) {
            ClientSession session = mina.session;
            for (int i = 1; i <= 5; i++) {
                session.addPasswordIdentity("wrong-" + i);
            }

            assertThatThrownBy(() -> session.auth().verify(MinaClient.TIMEOUT)).isInstanceOf(IOException.class);

            assertThat(session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), MinaClient.TIMEOUT))
                    .contains(ClientSessionEvent.CLOSED);
        }
        List<String> warnings = guardLog.messages(Level.WARN);
        assertThat(warnings).filteredOn(m -> m.startsWith("failed login")).hasSize(SftpTestServer.MAX_AUTH_ATTEMPTS);
        assertThat(warnings).last().asString().startsWith("closing the connection from 127.0.0.1:")
                .endsWith("after 3 failed logins");
    }

    @Test
    void refusedKeysCountTowardsTheMaximumToo() throws IOException {
        OpenSshClient.KeyFiles k1 = OpenSshClient.generateKey(dir, "k1");
        OpenSshClient.KeyFiles k2 = OpenSshClient.generateKey(dir, "k2");
        OpenSshClient.KeyFiles k3 = OpenSshClient.generateKey(dir, "k3");
        // -i three times: OpenSSH offers each key in turn
        Result r = sftp.client(SftpTestServer.ACME).as(SftpTestServer.ACME, k1.privateKey())
                .withOptions("IdentityFile=" + k2.privateKey(), "IdentityFile=" + k3.privateKey(),
                        "IdentityFile=" + sftp.acmeKey.privateKey(), "LogLevel=INFO")
                .sftp("ls");

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(guardLog.messages(Level.WARN)).filteredOn(m -> m.startsWith("failed login")).hasSize(3);
        assertThat(guardLog.messages(Level.WARN)).last().asString().endsWith("after 3 failed logins");
    }

    @Test
    void aLoginWhoseHomeCannotBePreparedIsDisconnected() throws IOException {
        java.nio.file.Files.writeString(sftp.homes.resolve("gamma"), "a file where the home should be");
        sftp.partners.add("gamma", sftp.homes.resolve("gamma"), null, sftp.betaKey.publicKey());

        Result r = sftp.client(SftpTestServer.BETA).as("gamma", sftp.betaKey.privateKey()).sftp("ls");

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(sessionLog.messages(Level.ERROR)).singleElement().asString()
                .startsWith("closing the session of login gamma from 127.0.0.1:").contains("home cannot be prepared");
    }

    @Test
    void keyboardInteractiveIsNotOffered() {
        Result r = sftp.client(SftpTestServer.ACME).withOptions("LogLevel=INFO",
                "PreferredAuthentications=keyboard-interactive").sftp("ls");

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.stderr()).contains("Permission denied (publickey,password)");
    }

    @Test
    void aLoginCannotHoldMoreSessionsThanAllowed() throws IOException {
        try (MinaClient first = MinaClient.withKey(sftp, SftpTestServer.ACME);
                MinaClient second = MinaClient.withKey(sftp, SftpTestServer.ACME)) {
            Result third = sftp.client(SftpTestServer.ACME).sftp("ls");
            assertThat(third.ok()).as(third.output()).isFalse();

            Result otherPartner = sftp.client(SftpTestServer.BETA).sftp("ls");
            assertThat(otherPartner.ok()).as(otherPartner.output()).isTrue();
        }
        await().untilAsserted(() -> assertThat(sftp.client(SftpTestServer.ACME).sftp("ls").ok()).isTrue());
    }
}
