package org.hl7gw.ftps;

import org.hl7gw.ftps.support.FtpsServerTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7gw.core.Sha256;
import org.hl7gw.ftps.support.FtpsFixture;
import org.hl7gw.ftps.support.RecordingUploadHandler.Event;
import org.hl7gw.testkit.ftp.Curl.Protection;
import org.hl7gw.testkit.ftp.ProgramRun.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uploads under temporary names are handed on only when renamed to their final name, once. */
class RenameTest extends FtpsServerTest {
    @BeforeEach
    void start() {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.hl7.part", "x.hl7.tmp", "x.hl7.filepart", ".x.hl7", "X.HL7.PART"})
    void aTemporaryUploadIsNotHandedOn(String name) {
        Path file = fixture.randomFile("x", 5_000, 1);

        Outcome o = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/" + name);

        assertThat(o.exitCode()).as(o.toString()).isZero();
        assertThat(fixture.acme.inbox().resolve(name)).exists();
        assertThat(fixture.handler.events()).isEmpty();
    }

    @Test
    void curlUploadThenRenameHandsOnTheFinalNameOnce() {
        Path file = fixture.randomFile("x", 50_000, 2);

        Outcome o = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/x.hl7.part",
                "-Q", "-RNFR x.hl7.part", "-Q", "-RNTO x.hl7");

        assertThat(o.exitCode()).as(o.toString()).isZero();
        assertThat(fixture.handler.uploaded()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(fixture.acme.inbox().resolve("x.hl7"));
            assertThat(e.sha256()).isEqualTo(Sha256.of(file).hex());
        });
        assertThat(fixture.handler.events()).hasSize(1);
    }

    @Test
    void lftpPutThenMvHandsOnTheFinalNameOnce() {
        Path file = fixture.randomFile("y", 40_000, 3);

        Outcome o = fixture.lftp.run(fixture.acmeEndpoint(), "put " + file + " -o inbox/y.hl7.tmp", "mv inbox/y.hl7.tmp inbox/y.hl7");

        assertThat(o.exitCode()).as(o.toString()).isZero();
        assertThat(fixture.handler.events()).extracting(Event::name).containsExactly("y.hl7");
    }

    @Test
    void renamingOntoAnExistingFileOrAFinalNameOrOutOfTheInboxIsRefused() throws Exception {
        Path file = fixture.randomFile("z", 1_000, 4);
        fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/z.hl7").check();
        fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/z.hl7.part").check();

        Outcome ontoExisting = fixture.curl.run(fixture.acmeEndpoint(), Protection.ALL, "", "-Q", "RNFR inbox/z.hl7.part", "-Q", "RNTO inbox/z.hl7");
        Outcome finalName = fixture.curl.run(fixture.acmeEndpoint(), Protection.ALL, "", "-Q", "RNFR inbox/z.hl7", "-Q", "RNTO inbox/other.hl7");
        Outcome toOutbox = fixture.curl.run(fixture.acmeEndpoint(), Protection.ALL, "", "-Q", "RNFR inbox/z.hl7.part", "-Q", "RNTO outbox/z.hl7");
        Outcome toRoot = fixture.curl.run(fixture.acmeEndpoint(), Protection.ALL, "", "-Q", "RNFR inbox/z.hl7.part", "-Q", "RNTO /z.hl7");

        for (Outcome o : new Outcome[]{ontoExisting, finalName, toOutbox, toRoot}) {
            assertThat(o.exitCode()).as(o.toString()).isNotZero();
        }
        assertThat(fixture.acme.inbox().resolve("z.hl7.part")).exists();
        assertThat(fixture.acme.inbox().resolve("z.hl7")).exists();
        assertThat(Files.exists(fixture.acme.outbox().resolve("z.hl7"))).isFalse();
        assertThat(fixture.handler.events()).extracting(Event::name).containsExactly("z.hl7");
    }

    @Test
    void aTemporaryUploadMayBeDeletedByThePartner() {
        Path file = fixture.randomFile("t", 1_000, 5);
        fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/t.hl7.part").check();

        Outcome o = fixture.curl.run(fixture.acmeEndpoint(), Protection.ALL, "", "-Q", "DELE inbox/t.hl7.part");

        assertThat(o.exitCode()).as(o.toString()).isZero();
        assertThat(fixture.acme.inbox().resolve("t.hl7.part")).doesNotExist();
    }
}
