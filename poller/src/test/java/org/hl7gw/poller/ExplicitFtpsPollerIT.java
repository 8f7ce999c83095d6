package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.testkit.ftp.ProgramRun;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;
import org.hl7gw.testkit.servers.LocalUser;
import org.hl7gw.testkit.servers.VsftpdServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller against a real vsftpd with explicit FTPS ({@code AUTH TLS}) and vsftpd's default
 * {@code require_ssl_reuse=YES}: the PEERS trap, and certificate checks.
 */
class ExplicitFtpsPollerIT extends VsftpdPollerContract {
    @RegisterExtension
    static final VsftpdForTests VSFTPD = new VsftpdForTests(VsftpdServer.Tls.EXPLICIT);

    @Override
    protected VsftpdServer server() {
        return VSFTPD.server();
    }

    @Test
    void vsftpdRequiringTlsSessionReuseRefusesAPlainJavaClientButThePollerTakesTheFiles() throws Exception {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        assertThat(Files.readString(server().configFile(), StandardCharsets.UTF_8))
                .as("require_ssl_reuse is left at vsftpd's default, YES").doesNotContain("require_ssl_reuse");

        // Commons Net as it comes, over TLS 1.2: the data connection does not resume the session
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
        FTPSClient plain = new FTPSClient(false, context);
        plain.connect("127.0.0.1", server().port());
        try {
            assertThat(plain.login(server().user().name(), server().user().password())).isTrue();
            plain.execPBSZ(0);
            plain.execPROT("P");
            plain.enterLocalPassiveMode();
            FTPFile[] listing = plain.listFiles(folder.toString());
            assertThat(listing).as("Commons Net even hides the refusal behind an empty listing").isEmpty();
            assertThat(plain.getReplyString()).contains("522").contains("session reuse required");
        } finally {
            plain.disconnect();
        }

        PollReport report = poller(settings("reuse", folder).stableFor(Duration.ZERO).build()).run();

        assertThat(report.outcome()).as(report.toString()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(intake.names()).containsExactly("a.hl7");
        assertThat(server().log(400)).contains("226 Directory send OK");
    }

    @Test
    void refusesAServerWhoseCertificateIsNotInTheTruststore() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        SelfSignedCertificate stranger = SelfSignedCertificate.create(temp);

        PollReport report = poller(settings("untrusting", folder).truststore(stranger.certificate()).stableFor(Duration.ZERO).build()).run();

        assertThat(report.outcome()).isEqualTo(PollOutcome.FAILED);
        assertThat(report.message()).contains("TLS failed");
        assertThat(intake.received()).isEmpty();
    }

    @Test
    void refusesACertificateThatDoesNotNameTheServersAddress() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("other-name"));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        ProgramRun.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=partner.example",
                "-addext", "subjectAltName=DNS:partner.example", "-keyout", key.toString(), "-out", cert.toString()), dir, Duration.ofMinutes(1)).check();
        try (VsftpdServer misnamed = VsftpdServer.builder(temp.resolve("misnamed"), LocalUser.testUser()).tls(VsftpdServer.Tls.EXPLICIT)
                .config("rsa_cert_file=" + cert, "rsa_private_key_file=" + key).start()) {
            Path folder = newFolder("outbound");
            write(folder, "a.hl7");

            PollReport report = poller(PollerSettings.builder("misnamed", misnamed.ftpUrl(folder)).tls(FtpTls.EXPLICIT).truststore(cert)
                    .credentials(Credentials.password(misnamed.user().password().toCharArray())).stableFor(Duration.ZERO).build()).run();

            assertThat(report.outcome()).isEqualTo(PollOutcome.FAILED);
            assertThat(report.message()).contains("TLS failed").contains("127.0.0.1");
            assertThat(intake.received()).isEmpty();
        }
    }

    @Test
    void insecureTrustAnyCertificateWorksAndWarnsAtEveryRun() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        Poller poller = poller(PollerSettings.builder("trusting", url(folder)).tls(FtpTls.EXPLICIT).insecureTrustAnyCertificate(true)
                .credentials(Credentials.password(server().user().password().toCharArray())).stableFor(Duration.ZERO).build());

        try (LogCapture log = new LogCapture()) {
            assertThat(poller.run().outcome()).isEqualTo(PollOutcome.SUCCEEDED);
            assertThat(poller.run().outcome()).isEqualTo(PollOutcome.SUCCEEDED);

            assertThat(log.warnings().stream().filter(w -> w.contains("polled insecurely"))).hasSize(2);
        }
        assertThat(intake.names()).containsExactly("a.hl7");
    }
}
