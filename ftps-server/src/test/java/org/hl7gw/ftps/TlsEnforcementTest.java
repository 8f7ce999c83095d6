package org.hl7gw.ftps;

import org.hl7gw.ftps.support.FtpsServerTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7gw.ftps.support.FtpsFixture;
import org.hl7gw.ftps.support.LogCapture;
import org.hl7gw.ftps.support.RawFtpsClient;
import org.hl7gw.testkit.ftp.Curl.Protection;
import org.hl7gw.testkit.ftp.FtpsEndpoint;
import org.hl7gw.testkit.ftp.ProgramRun.Outcome;
import org.junit.jupiter.api.Test;

/** No login and no data travel in plain text; passwords are checked, failures logged without the password. */
class TlsEnforcementTest extends FtpsServerTest {

    private RawFtpsClient tlsClient() throws IOException {
        RawFtpsClient c = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), "TLSv1.3");
        c.authTls();
        return c;
    }

    private boolean anythingWritten() throws IOException {
        if (!Files.isDirectory(fixture.acme.inbox())) {
            return false;
        }
        try (var files = Files.list(fixture.acme.inbox())) {
            return files.findAny().isPresent();
        }
    }

    @Test
    void curlWithoutTlsCannotLogInToTheExplicitServer() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        Path file = fixture.randomFile("x.hl7", 1000, 1);

        Outcome o = fixture.curl.run(fixture.acmeEndpoint(), Protection.NONE, "inbox/x.hl7", "-T", file.toString(), "-v");

        assertThat(o.exitCode()).isNotZero();
        assertThat(o.stderr()).contains("> USER acme").contains("< 530").doesNotContain("> PASS").doesNotContain("< 331");
        assertThat(anythingWritten()).isFalse();
        assertThat(fixture.handler.events()).isEmpty();
    }

    @Test
    void userAndPassBeforeAuthTlsAreRefusedWith530() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);

        try (RawFtpsClient plain = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), "TLSv1.3")) {
            assertThat(plain.command("USER acme").code()).isEqualTo(530);
            assertThat(plain.command("PASS " + FtpsFixture.ACME_PASSWORD).code()).isEqualTo(530);
            assertThat(plain.command("USER nobody-at-all").code()).isEqualTo(530);
            assertThat(plain.command("PROT P").code()).isEqualTo(503);
            assertThat(plain.command("STOR inbox/x.hl7").code()).isEqualTo(530);
        }
        assertThat(anythingWritten()).isFalse();
    }

    @Test
    void aPlainTextClientGetsNothingFromTheImplicitServer() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.IMPLICIT);
        Path file = fixture.randomFile("x.hl7", 1000, 1);
        FtpsEndpoint plainUrl = new FtpsEndpoint("127.0.0.1", fixture.server.port(), false, FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);

        Outcome o = fixture.curl.run(plainUrl, Protection.NONE, "inbox/x.hl7", "-T", file.toString(), "--max-time", "3");

        assertThat(o.exitCode()).isNotZero();
        assertThat(anythingWritten()).isFalse();
    }

    @Test
    void curlWithTlsOnTheControlConnectionOnlyCannotUpload() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        Path file = fixture.randomFile("x.hl7", 1000, 1);

        Outcome o = fixture.curl.run(fixture.acmeEndpoint(), Protection.CONTROL_ONLY, "inbox/x.hl7", "-T", file.toString(), "-v");

        assertThat(o.exitCode()).isNotZero();
        assertThat(o.stderr()).containsPattern("< (521|534) ");
        assertThat(anythingWritten()).isFalse();
        assertThat(fixture.handler.events()).isEmpty();
    }

    @Test
    void protCIsRefusedAndTransfersWithoutProtPAreRefused() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);

        try (RawFtpsClient c = tlsClient()) {
            assertThat(c.command("USER acme").code()).isEqualTo(331);
            assertThat(c.command("PASS " + FtpsFixture.ACME_PASSWORD).code()).isEqualTo(230);
            assertThat(c.command("PBSZ 0").code()).isEqualTo(200);
            assertThat(c.command("PROT C").code()).isEqualTo(534);
            assertThat(c.command("PROT S").code()).isEqualTo(534);
            assertThat(c.command("PASV").code()).isEqualTo(227);
            assertThat(c.command("STOR inbox/x.hl7").code()).isEqualTo(521);
            assertThat(c.command("LIST").code()).isEqualTo(521);
            assertThat(c.command("RETR outbox/x").code()).isEqualTo(521);
        }
        assertThat(anythingWritten()).isFalse();
    }

    @Test
    void activeModeDeflateModeAndSiteCommandsAreRefused() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);

        try (RawFtpsClient c = tlsClient()) {
            c.loginProtected(FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);
            assertThat(c.command("PORT 127,0,0,1,200,10").code()).isEqualTo(502);
            assertThat(c.command("EPRT |1|127.0.0.1|51210|").code()).isEqualTo(502);
            assertThat(c.command("MODE Z").code()).isEqualTo(504);
            assertThat(c.command("MODE S").code()).isEqualTo(200);
            assertThat(c.command("SITE WHO").code()).isEqualTo(502);
        }
    }

    @Test
    void curlInActiveModeFails() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        Path file = fixture.randomFile("x.hl7", 1000, 1);

        Outcome o = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/x.hl7", "--ftp-port", "127.0.0.1", "-v");

        assertThat(o.exitCode()).isNotZero();
        assertThat(o.stderr()).containsPattern("< 502 ");
        assertThat(anythingWritten()).isFalse();
    }

    @Test
    void wrongPasswordIsRefusedAndLoggedWithLoginAndAddressButNotThePassword() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        Path file = fixture.randomFile("x.hl7", 1000, 1);
        String wrong = "Wr0ng-Guess-4711";

        Outcome o;
        try (LogCapture logs = new LogCapture()) {
            o = fixture.curl.upload(fixture.acmeEndpoint().as(FtpsFixture.ACME_LOGIN, wrong), file, "inbox/x.hl7");

            assertThat(logs.lines()).anySatisfy(l -> {
                assertThat(l.level()).isEqualTo(Level.WARN);
                assertThat(l.text()).contains("login failed").contains("acme").contains("127.0.0.1");
            });
            assertThat(logs.lines()).noneSatisfy(l -> assertThat(l.text()).contains(wrong));
        }
        assertThat(o.exitCode()).isEqualTo(67); // curl: login denied
        assertThat(anythingWritten()).isFalse();
    }

    @Test
    void unknownLoginsAndAccountsWithoutPasswordCannotLogIn() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        fixture.directory.add("KEYS", "keysonly", dir.resolve("partners/keysonly"), null);

        try (RawFtpsClient c = tlsClient()) {
            assertThat(c.command("USER nobody").code()).isEqualTo(331);
            assertThat(c.command("PASS whatever").code()).isEqualTo(530);
        }
        try (RawFtpsClient c = tlsClient()) {
            assertThat(c.command("USER keysonly").code()).isEqualTo(331);
            assertThat(c.command("PASS ").code()).isEqualTo(530);
        }
        try (RawFtpsClient c = tlsClient()) {
            assertThat(c.command("USER anonymous").code()).isEqualTo(530);
        }
        assertThat(Files.exists(dir.resolve("partners/keysonly"))).isFalse();
    }

    @Test
    void aConnectionIsClosedAfterThreeFailedLogins() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);

        try (RawFtpsClient c = tlsClient()) {
            for (int i = 0; i < FtpsServerSettings.MAX_LOGIN_FAILURES_PER_CONNECTION; i++) {
                assertThat(c.command("USER acme").code()).isEqualTo(331);
                assertThat(c.command("PASS wrong-" + i).code()).isEqualTo(530);
            }
            assertThatThrownBy(() -> c.command("USER acme")).isInstanceOf(IOException.class);
        }
    }
}
