package org.hl7gw.ftps;

import org.hl7gw.ftps.support.FtpsServerTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hl7gw.core.Sha256;
import org.hl7gw.ftps.support.FtpsFixture;
import org.hl7gw.ftps.support.RawFtpsClient;
import org.hl7gw.ftps.support.RecordingUploadHandler.Kind;
import org.hl7gw.testkit.ftp.ProgramRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An upload that did not really end is never handed on: a client killed with SIGKILL, a data connection cut
 * without a TLS close_notify, an ABOR. The trap this guards against: the JDK reads a TCP FIN without
 * close_notify as a normal end of stream (see CloseNotifyGuardTest), so without the guard these uploads would
 * be answered 226 and handed on truncated.
 */
class InterruptedUploadTest extends FtpsServerTest {
    private static final int BIG = 4_000_000;


    private void awaitEvents(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.handler.events().size() >= count);
    }

    /** Waits until the server has written more than {@code bytes} of the file. */
    private void awaitPartial(Path remote, long bytes) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(remote) && Files.size(remote) > bytes);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"EXPLICIT, 1.2", "EXPLICIT, 1.3", "IMPLICIT, 1.2", "IMPLICIT, 1.3"})
    void curlKilledMidUploadIsReportedInterruptedAndALaterFullUploadIsHandedOn(TlsMode mode, String tls) throws Exception {
        fixture = FtpsFixture.start(dir, cert, mode);
        Path file = fixture.randomFile("big.hl7", BIG, 1);
        Path remote = fixture.acme.inbox().resolve("big.hl7");
        String[] version = tls.equals("1.2") ? new String[]{"--tls-max", "1.2"} : new String[]{"--tlsv1.3"};

        try (ProgramRun.Running curl = fixture.curl.startUpload(fixture.acmeEndpoint(), file, "inbox/big.hl7",
                "--limit-rate", "200k", version[0], version.length > 1 ? version[1] : "--ssl-reqd")) {
            awaitPartial(remote, 300_000);
            curl.kill();
        }
        awaitEvents(1);

        assertThat(fixture.handler.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED);
            assertThat(e.file()).isEqualTo(remote);
            assertThat(e.bytes()).isBetween(300_000L, BIG - 1L);
        });
        assertThat(remote).exists();

        fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/big.hl7").check();

        assertThat(fixture.handler.uploaded()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(remote);
            assertThat(e.sha256()).isEqualTo(Sha256.of(file).hex());
        });
    }

    @Test
    void lftpKilledMidUploadIsReportedInterrupted() {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        Path file = fixture.randomFile("big.hl7", BIG, 2);
        Path remote = fixture.acme.inbox().resolve("big.hl7");

        try (ProgramRun.Running lftp = fixture.lftp.start(fixture.acmeEndpoint(), "set net:limit-rate 200000",
                "put " + file + " -o inbox/big.hl7")) {
            awaitPartial(remote, 300_000);
            lftp.kill();
        }
        awaitEvents(1);

        assertThat(fixture.handler.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED);
            assertThat(e.bytes()).isLessThan(BIG);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aDataConnectionEndedByTcpFinWithoutCloseNotifyIsAnsweredWith426AndNotHandedOn(String protocol) throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        byte[] data = Files.readAllBytes(fixture.randomFile("part", 150_000, 3));

        RawFtpsClient.Reply reply;
        try (RawFtpsClient c = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), protocol)) {
            c.authTls();
            c.loginProtected(FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);
            try (RawFtpsClient.DataConnection d = c.passive()) {
                assertThat(c.command("STOR inbox/cut.hl7").code()).isEqualTo(150);
                d.handshake();
                d.output().write(data);
                d.output().flush();
                d.cutOff();
                reply = c.reply();
            }
        }
        awaitEvents(1);

        assertThat(reply.code()).isEqualTo(426);
        assertThat(fixture.handler.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED);
            assertThat(e.bytes()).isEqualTo(data.length);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void anUploadAbortedWithAborIsNotHandedOnEvenWhenTheDataConnectionClosesCleanly(String protocol) throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        byte[] data = Files.readAllBytes(fixture.randomFile("part", 100_000, 4));

        try (RawFtpsClient c = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), protocol)) {
            c.authTls();
            c.loginProtected(FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);
            try (RawFtpsClient.DataConnection d = c.passive()) {
                assertThat(c.command("STOR inbox/aborted.hl7").code()).isEqualTo(150);
                d.handshake();
                d.output().write(data);
                d.output().flush();
                c.send("ABOR");
                Thread.sleep(300); // let the ABOR line arrive before the data connection ends
                d.closeCleanly();
            }
            c.reply(); // the STOR's reply
            assertThat(c.reply().code()).isEqualTo(226); // ABOR's
        }
        awaitEvents(1);

        assertThat(fixture.handler.events()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void theSameRawClientClosingCleanlyWithoutAborIsHandedOn(String protocol) throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        byte[] data = Files.readAllBytes(fixture.randomFile("part", 100_000, 5));

        RawFtpsClient.Reply reply;
        try (RawFtpsClient c = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), protocol)) {
            c.authTls();
            c.loginProtected(FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);
            reply = c.upload("STOR inbox/clean.hl7", data);
            assertThat(c.command("NOOP").code()).isEqualTo(200);
        }
        awaitEvents(1);

        assertThat(reply.code()).isEqualTo(226);
        assertThat(fixture.handler.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.UPLOADED);
            assertThat(e.sha256()).isEqualTo(Sha256.of(data).hex());
        });
    }
}
