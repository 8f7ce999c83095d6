package org.hl7gw.ftps;

import org.hl7gw.ftps.support.FtpsServerTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7gw.core.Sha256;
import org.hl7gw.ftps.support.FtpsFixture;
import org.hl7gw.ftps.support.RawFtpsClient;
import org.hl7gw.ftps.support.RecordingUploadHandler.Event;
import org.hl7gw.ftps.support.RecordingUploadHandler.Kind;
import org.hl7gw.testkit.ftp.FtpsEndpoint;
import org.hl7gw.testkit.ftp.ProgramRun;
import org.junit.jupiter.api.Test;

/** Many sessions at once: every upload handed on exactly once; two writers of one name never mix their bytes. */
class ConcurrentUploadsTest extends FtpsServerTest {

    @Test
    void tenConcurrentCurlUploadsFromTwoPartnersAreEachHandedOnExactlyOnce() {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        Map<String, String> expected = new HashMap<>();
        List<ProgramRun.Running> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean acme = i % 2 == 0;
            String name = (acme ? "acme-" : "globex-") + i + ".hl7";
            Path file = fixture.randomFile(name, 200_000 + i * 37_000, 100 + i);
            expected.put((acme ? "ACME/" : "GLOBEX/") + name, Sha256.of(file).hex());
            FtpsEndpoint endpoint = acme ? fixture.acmeEndpoint() : fixture.globexEndpoint();
            clients.add(fixture.curl.startUpload(endpoint, file, "inbox/" + name, "--limit-rate", "2M"));
        }

        for (ProgramRun.Running c : clients) {
            ProgramRun.Outcome o = c.await(Duration.ofMinutes(2));
            assertThat(o.exitCode()).as(o.toString()).isZero();
        }

        List<Event> events = fixture.handler.events();
        assertThat(events).hasSize(10).allSatisfy(e -> assertThat(e.kind()).isEqualTo(Kind.UPLOADED));
        Map<String, String> handedOn = new HashMap<>();
        for (Event e : events) {
            assertThat(e.file().getParent()).isEqualTo(e.partnerId().equals("ACME") ? fixture.acme.inbox() : fixture.globex.inbox());
            handedOn.put(e.partnerId() + "/" + e.name(), e.sha256());
        }
        assertThat(handedOn).isEqualTo(expected);
    }

    @Test
    void aSecondWriterOfTheSameNameWinsAndOnlyItsUploadIsHandedOn() throws Exception {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        byte[] older = Files.readAllBytes(fixture.randomFile("older", 100_000, 1));
        byte[] newer = Files.readAllBytes(fixture.randomFile("newer", 60_000, 2));
        Path remote = fixture.acme.inbox().resolve("same.hl7");

        try (RawFtpsClient first = login(); RawFtpsClient second = login()) {
            RawFtpsClient.Reply firstReply;
            try (RawFtpsClient.DataConnection d = first.passive()) {
                assertThat(first.command("STOR inbox/same.hl7").code()).isEqualTo(150);
                d.handshake();
                d.output().write(older);
                d.output().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(remote) && Files.size(remote) >= older.length - 16_384); // the server buffers a little

                assertThat(second.upload("STOR inbox/same.hl7", newer).code()).isEqualTo(226);
                await().atMost(Duration.ofSeconds(10)).until(() -> !fixture.handler.events().isEmpty());

                try {
                    d.output().write(older);
                    d.output().flush();
                    d.closeCleanly();
                } catch (IOException e) {
                    // the server may already have closed the overtaken transfer
                }
                firstReply = first.reply();
            }
            assertThat(firstReply.code()).isNotEqualTo(226);
        }

        assertThat(fixture.handler.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.UPLOADED);
            assertThat(e.sha256()).isEqualTo(Sha256.of(newer).hex());
        });
        assertThat(Files.readAllBytes(remote)).isEqualTo(newer);
    }

    @Test
    void passiveDataConnectionsUseTheConfiguredPortRange() throws Exception {
        FtpsServerSettings settings = FtpsServerSettings.of("127.0.0.1", 0, TlsMode.EXPLICIT, cert.certificate(), cert.privateKey())
                .withPassivePorts(PassivePorts.parse("47110-47119"), null);
        fixture = FtpsFixture.start(dir, cert, settings);

        try (RawFtpsClient c = login()) {
            RawFtpsClient.Reply pasv = c.command("PASV");
            Matcher m = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)").matcher(pasv.text());
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
            assertThat(port).isBetween(47110, 47119);
            assertThat(c.upload("STOR inbox/ranged.hl7", new byte[]{'M', 'S', 'H'}).code()).isEqualTo(226);
        }
    }

    private RawFtpsClient login() throws IOException {
        RawFtpsClient c = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), "TLSv1.3");
        c.authTls();
        c.loginProtected(FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);
        return c;
    }
}
