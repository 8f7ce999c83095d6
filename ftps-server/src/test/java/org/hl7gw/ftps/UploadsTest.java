package org.hl7gw.ftps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.hl7gw.core.Sha256;
import org.hl7gw.ftps.support.FtpsFixture;
import org.hl7gw.ftps.support.RawFtpsClient;
import org.hl7gw.ftps.support.RecordingUploadHandler.Event;
import org.hl7gw.ftps.support.RecordingUploadHandler.Kind;
import org.hl7gw.testkit.ftp.ProgramRun.Outcome;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;
import org.hl7gw.testkit.ftp.SelfSignedCertificate.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real curl and lftp upload over explicit and implicit FTPS, TLS 1.2 and 1.3; each upload is handed on once, intact. */
class UploadsTest {
    @TempDir
    static Path certificates;
    private static SelfSignedCertificate rsa;
    private static SelfSignedCertificate ec;

    @TempDir
    Path dir;
    private FtpsFixture fixture;

    @BeforeAll
    static void makeCertificates() {
        rsa = SelfSignedCertificate.create(certificates);
        ec = SelfSignedCertificate.create(certificates, KeyType.EC_P256, "ec-cert.pem", "ec-key.pem");
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void assertHandedOnOnce(String name, Path original) {
        assertThat(fixture.handler.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.UPLOADED);
            assertThat(e.partnerId()).isEqualTo("ACME");
            assertThat(e.protocol()).isEqualTo("ftps");
            assertThat(e.file()).isEqualTo(fixture.acme.inbox().resolve(name));
            assertThat(e.sha256()).isEqualTo(Sha256.of(original).hex());
        });
    }

    @ParameterizedTest
    @EnumSource(TlsMode.class)
    void curlUploadIsHandedOnOnceWithItsBytesIntact(TlsMode mode) {
        fixture = FtpsFixture.start(dir, rsa, mode);
        Path file = fixture.randomFile("batch.hl7", 1_234_567, 1);

        Outcome o = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/batch.hl7");

        assertThat(o.exitCode()).as(o.toString()).isZero();
        assertHandedOnOnce("batch.hl7", file);
    }

    @ParameterizedTest
    @EnumSource(TlsMode.class)
    void lftpUploadIsHandedOnOnceWithItsBytesIntact(TlsMode mode) {
        fixture = FtpsFixture.start(dir, rsa, mode);
        Path file = fixture.randomFile("batch.hl7", 765_432, 2);

        Outcome o = fixture.lftp.run(fixture.acmeEndpoint(), "put " + file + " -o inbox/batch.hl7");

        assertThat(o.exitCode()).as(o.toString()).isZero();
        assertHandedOnOnce("batch.hl7", file);
    }

    @ParameterizedTest
    @EnumSource(TlsMode.class)
    void curlUploadsOverTls12AndOverTls13(TlsMode mode) {
        fixture = FtpsFixture.start(dir, rsa, mode);
        Path file = fixture.randomFile("a.hl7", 50_000, 3);

        Outcome tls12 = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/a12.hl7", "--tls-max", "1.2", "-v");
        Outcome tls13 = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/a13.hl7", "--tlsv1.3", "-v");

        assertThat(tls12.exitCode()).as(tls12.toString()).isZero();
        assertThat(tls12.stderr()).contains("SSL connection using TLSv1.2").doesNotContain("using TLSv1.3");
        assertThat(tls13.exitCode()).as(tls13.toString()).isZero();
        assertThat(tls13.stderr()).contains("SSL connection using TLSv1.3");
        assertThat(fixture.handler.uploaded()).extracting(Event::name).containsExactlyInAnyOrder("a12.hl7", "a13.hl7");
    }

    @Test
    void lftpLists_AndDownloadsOverTls13_WhichNeedsACloseWithoutUserCanceledAlert() throws Exception {
        fixture = FtpsFixture.start(dir, rsa, TlsMode.EXPLICIT);
        fixture.server.close();
        fixture = FtpsFixture.start(dir, rsa, fixture.settings.withProtocols(EnumSet.of(TlsProtocol.TLS_1_3)));
        Files.createDirectories(fixture.acme.outbox());
        Files.writeString(fixture.acme.outbox().resolve("result.txt"), "ACK");
        Path local = dir.resolve("local-result.txt");

        Outcome o = fixture.lftp.run(fixture.acmeEndpoint(), "cls -1 outbox/", "get outbox/result.txt -o " + local);

        assertThat(o.exitCode()).as(o.toString()).isZero();
        assertThat(o.stdout()).contains("outbox/result.txt");
        assertThat(local).hasContent("ACK");
    }

    @Test
    void serverWithAnEcCertificateServesCurlAndLftp() {
        fixture = FtpsFixture.start(dir, ec, TlsMode.EXPLICIT);
        Path file = fixture.randomFile("ec.hl7", 10_000, 4);

        Outcome byCurl = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/ec1.hl7");
        Outcome byLftp = fixture.lftp.run(fixture.acmeEndpoint(), "put " + file + " -o inbox/ec2.hl7");

        assertThat(byCurl.exitCode()).as(byCurl.toString()).isZero();
        assertThat(byLftp.exitCode()).as(byLftp.toString()).isZero();
        assertThat(fixture.handler.uploaded()).extracting(Event::name).containsExactlyInAnyOrder("ec1.hl7", "ec2.hl7");
    }

    @Test
    void appendedUploadIsHandedOnAgainWithTheWholeFile() throws Exception {
        fixture = FtpsFixture.start(dir, rsa, TlsMode.EXPLICIT);
        Path first = fixture.randomFile("part1", 30_000, 5);
        Path second = fixture.randomFile("part2", 20_000, 6);

        Outcome put = fixture.curl.upload(fixture.acmeEndpoint(), first, "inbox/appended.hl7");
        Outcome append = fixture.curl.upload(fixture.acmeEndpoint(), second, "inbox/appended.hl7", "--append");

        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(append.exitCode()).as(append.toString()).isZero();
        byte[] joined = new byte[50_000];
        System.arraycopy(Files.readAllBytes(first), 0, joined, 0, 30_000);
        System.arraycopy(Files.readAllBytes(second), 0, joined, 30_000, 20_000);
        assertThat(fixture.handler.uploaded()).extracting(Event::name).containsExactly("appended.hl7", "appended.hl7");
        assertThat(fixture.handler.uploaded()).extracting(Event::sha256)
                .containsExactly(Sha256.of(Files.readAllBytes(first)).hex(), Sha256.of(joined).hex());
    }

    @Test
    void uniqueNameUploadIsHandedOnUnderTheNameTheServerChose() throws Exception {
        fixture = FtpsFixture.start(dir, rsa, TlsMode.EXPLICIT);
        byte[] data = Files.readAllBytes(fixture.randomFile("u", 40_000, 8));

        RawFtpsClient.Reply reply;
        try (RawFtpsClient client = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(rsa.certificate()), "TLSv1.3")) {
            client.authTls();
            client.loginProtected(FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);
            client.command("CWD inbox");
            reply = client.upload("STOU", data);
        }

        assertThat(reply.code()).isEqualTo(226);
        await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.handler.events().isEmpty());
        assertThat(fixture.handler.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.UPLOADED);
            assertThat(e.file().getParent()).isEqualTo(fixture.acme.inbox());
            assertThat(e.sha256()).isEqualTo(Sha256.of(data).hex());
        });
    }
}
