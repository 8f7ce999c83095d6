package org.hl7gw.ftps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.ftps.support.FtpsFixture;
import org.hl7gw.ftps.support.Pbkdf2Directory;
import org.hl7gw.ftps.support.RawFtpsClient;
import org.hl7gw.ftps.support.RecordingUploadHandler;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lifecycle: configuration is checked before binding, a taken port fails start() with a typed error. */
class PartnerFtpsServerTest {
    @TempDir
    Path dir;

    @Test
    void aMissingKeyFailsWhenTheServerIsBuiltNotWhenAPartnerConnects() {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        FtpsServerSettings settings = FtpsServerSettings.of("127.0.0.1", 0, TlsMode.EXPLICIT, cert.certificate(), dir.resolve("nokey.pem"));

        assertThatThrownBy(() -> new PartnerFtpsServer(settings, new Pbkdf2Directory(), new RecordingUploadHandler()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nokey.pem");
    }

    @Test
    void aTakenPortFailsStartWithTheAddress() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            FtpsServerSettings settings = FtpsServerSettings.of("127.0.0.1", taken.getLocalPort(), TlsMode.IMPLICIT,
                    cert.certificate(), cert.privateKey());
            try (PartnerFtpsServer server = new PartnerFtpsServer(settings, new Pbkdf2Directory(), new RecordingUploadHandler())) {
                assertThatThrownBy(server::start).isInstanceOf(FtpsServerException.class)
                        .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
                assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void portZeroPicksAFreePortAndCloseReleasesIt() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        FtpsServerSettings settings = FtpsServerSettings.of("127.0.0.1", 0, TlsMode.EXPLICIT, cert.certificate(), cert.privateKey());
        int port;
        try (PartnerFtpsServer server = new PartnerFtpsServer(settings, new Pbkdf2Directory(), new RecordingUploadHandler())) {
            server.start();
            port = server.port();
            assertThat(port).isPositive();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void loginsBeyondMaxLoginsAreRefused() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        FtpsServerSettings settings = FtpsServerSettings.of("127.0.0.1", 0, TlsMode.EXPLICIT, cert.certificate(), cert.privateKey())
                .withMaxLogins(1);
        try (FtpsFixture fixture = FtpsFixture.start(dir, cert, settings);
             RawFtpsClient first = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), "TLSv1.3");
             RawFtpsClient second = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), "TLSv1.3")) {
            first.authTls();
            first.loginProtected(FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);
            second.authTls();

            assertThat(second.command("USER " + FtpsFixture.GLOBEX_LOGIN).code()).isEqualTo(421);
        }
    }
}
