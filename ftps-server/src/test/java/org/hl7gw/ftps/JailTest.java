package org.hl7gw.ftps;

import org.hl7gw.ftps.support.FtpsServerTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7gw.ftps.support.FtpsFixture;
import org.hl7gw.ftps.support.RawFtpsClient;
import org.hl7gw.testkit.ftp.ProgramRun.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each partner is locked into its home: {@code ..}, absolute paths and symbolic links lead nowhere, the root shows
 * only inbox and outbox, writes go only into the inbox, and no partner sees another's files.
 */
class JailTest extends FtpsServerTest {
    @BeforeEach
    void start() throws IOException {
        fixture = FtpsFixture.start(dir, cert, TlsMode.EXPLICIT);
        for (Path home : new Path[]{fixture.acme.home(), fixture.globex.home()}) {
            Files.createDirectories(home.resolve("inbox"));
            Files.createDirectories(home.resolve("outbox"));
            Files.writeString(home.resolve("private-notes.txt"), "not for partners");
            Files.createDirectories(home.resolve(".ssh"));
        }
        Files.writeString(fixture.globex.outbox().resolve("globex-result.txt"), "GLOBEX ONLY");
        Files.writeString(fixture.globex.inbox().resolve("globex-batch.hl7"), "MSH|GLOBEX");
        Files.writeString(fixture.acme.outbox().resolve("acme-result.txt"), "ACME RESULT");
    }

    private Path local(String name) {
        return dir.resolve("downloads").resolve(name);
    }

    private Outcome download(String remotePath, String localName) throws IOException {
        Files.createDirectories(dir.resolve("downloads"));
        return fixture.curl.download(fixture.acmeEndpoint(), remotePath, local(localName), "--path-as-is");
    }

    @Test
    void aPartnerDownloadsAndDeletesItsOwnOutboxFiles() throws Exception {
        Outcome got = download("outbox/acme-result.txt", "result.txt");
        Outcome deleted = fixture.curl.run(fixture.acmeEndpoint(), org.hl7gw.testkit.ftp.Curl.Protection.ALL, "",
                "-Q", "DELE outbox/acme-result.txt");

        assertThat(got.exitCode()).as(got.toString()).isZero();
        assertThat(local("result.txt")).hasContent("ACME RESULT");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(fixture.acme.outbox().resolve("acme-result.txt")).doesNotExist();
    }

    @Test
    void dotDotAndAbsolutePathsStayInsideTheHome() throws Exception {
        Outcome viaDotDot = download("outbox/../../../../../../etc/passwd", "p1");
        Outcome absolute = download("%2Fetc/passwd", "p2");
        Outcome otherPartner = download("outbox/../../globex/outbox/globex-result.txt", "p3");
        Outcome homeFile = download("../private-notes.txt", "p4");

        for (Outcome o : new Outcome[]{viaDotDot, absolute, otherPartner, homeFile}) {
            assertThat(o.exitCode()).as(o.toString()).isNotZero();
        }
        assertThat(dir.resolve("downloads")).isEmptyDirectory();
    }

    @Test
    void theRootListsInboxAndOutboxOnly() {
        Outcome o = fixture.curl.listNames(fixture.acmeEndpoint(), "");

        assertThat(o.exitCode()).as(o.toString()).isZero();
        assertThat(o.stdout().lines().toList()).containsExactlyInAnyOrder("inbox", "outbox");
    }

    @Test
    void aPlantedSymlinkToEtcPasswdCanBeNeitherDownloadedNorListed() throws Exception {
        Files.createSymbolicLink(fixture.acme.outbox().resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(fixture.acme.outbox().resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(fixture.acme.outbox().resolve("sibling"), fixture.globex.outbox());

        Outcome file = download("outbox/passwd", "passwd");
        Outcome throughDir = download("outbox/etc/passwd", "passwd2");
        Outcome throughSibling = download("outbox/sibling/globex-result.txt", "sibling");
        Outcome listing = fixture.curl.listNames(fixture.acmeEndpoint(), "outbox/");
        Outcome listDir = fixture.curl.listNames(fixture.acmeEndpoint(), "outbox/etc/");

        assertThat(file.exitCode()).as(file.toString()).isNotZero();
        assertThat(throughDir.exitCode()).as(throughDir.toString()).isNotZero();
        assertThat(throughSibling.exitCode()).as(throughSibling.toString()).isNotZero();
        assertThat(dir.resolve("downloads")).isEmptyDirectory();
        assertThat(listing.stdout().lines().toList()).containsExactly("acme-result.txt");
        assertThat(listDir.stdout()).doesNotContain("passwd");
    }

    @Test
    void lftpCannotFollowASymlinkEither() throws Exception {
        Files.createSymbolicLink(fixture.acme.outbox().resolve("passwd"), Path.of("/etc/passwd"));

        Outcome o = fixture.lftp.run(fixture.acmeEndpoint(), "get outbox/passwd -o " + local("lftp-passwd"));

        assertThat(o.exitCode()).isNotZero();
        assertThat(local("lftp-passwd")).doesNotExist();
    }

    @Test
    void anUploadCannotBeWrittenThroughASymlinkInTheInbox() throws Exception {
        Path target = dir.resolve("outside.txt");
        Files.writeString(target, "untouched");
        Files.createSymbolicLink(fixture.acme.inbox().resolve("trap.hl7"), target);
        Path file = fixture.randomFile("x", 1000, 1);

        Outcome o = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/trap.hl7");

        assertThat(o.exitCode()).isNotZero();
        assertThat(target).hasContent("untouched");
        assertThat(fixture.handler.events()).isEmpty();
    }

    @Test
    void uploadsOutsideTheInboxAreRefused() throws Exception {
        Path file = fixture.randomFile("x.hl7", 1000, 1);

        Outcome toRoot = fixture.curl.upload(fixture.acmeEndpoint(), file, "x.hl7");
        Outcome toOutbox = fixture.curl.upload(fixture.acmeEndpoint(), file, "outbox/x.hl7");
        Outcome toNewFolder = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/sub/x.hl7", "--ftp-create-dirs");
        Outcome escaping = fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/../../x.hl7", "--path-as-is");

        for (Outcome o : new Outcome[]{toRoot, toOutbox, toNewFolder, escaping}) {
            assertThat(o.exitCode()).as(o.toString()).isNotZero();
        }
        assertThat(fixture.acme.home().resolve("x.hl7")).doesNotExist();
        assertThat(fixture.acme.outbox().resolve("x.hl7")).doesNotExist();
        assertThat(fixture.acme.inbox().resolve("sub")).doesNotExist();
        assertThat(dir.resolve("partners/x.hl7")).doesNotExist();
        assertThat(fixture.handler.events()).isEmpty();
    }

    @Test
    void aPartnerCannotReadBackOrDeleteAFinalUploadInItsInbox() throws Exception {
        Path file = fixture.randomFile("x.hl7", 1000, 1);
        fixture.curl.upload(fixture.acmeEndpoint(), file, "inbox/x.hl7").check();

        Outcome readBack = download("inbox/x.hl7", "readback");
        Outcome delete = fixture.curl.run(fixture.acmeEndpoint(), org.hl7gw.testkit.ftp.Curl.Protection.ALL, "",
                "-Q", "DELE inbox/x.hl7");

        assertThat(readBack.exitCode()).isNotZero();
        assertThat(delete.exitCode()).isNotZero();
        assertThat(fixture.acme.inbox().resolve("x.hl7")).exists();
    }

    @Test
    void onePartnerSeesNoneOfAnothersFiles() throws Exception {
        try (RawFtpsClient c = RawFtpsClient.connect(fixture.server.port(), RawFtpsClient.trusting(cert.certificate()), "TLSv1.3")) {
            c.authTls();
            c.loginProtected(FtpsFixture.ACME_LOGIN, FtpsFixture.ACME_PASSWORD);
            String inbox = new String(c.download("NLST inbox"), StandardCharsets.UTF_8);
            String outbox = new String(c.download("NLST outbox"), StandardCharsets.UTF_8);
            assertThat(inbox).doesNotContain("globex");
            assertThat(outbox).contains("acme-result.txt").doesNotContain("globex");
            assertThat(c.command("CWD /../globex").code()).isEqualTo(550);
            assertThat(c.command("CWD ../../globex/outbox").code()).isEqualTo(550);
            assertThat(c.command("SIZE /../globex/outbox/globex-result.txt").code()).isEqualTo(550);
            assertThat(c.command("MKD inbox/new").code()).isEqualTo(550);
            assertThat(c.command("CWD /").code()).isEqualTo(250);
            assertThat(c.command("CDUP").code()).isEqualTo(250);
            assertThat(c.command("PWD").text()).startsWith("\"/\"");
        }
    }

    @Test
    void aPartnerWhoseInboxIsASymlinkCannotLogIn() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path home = dir.resolve("partners/linked");
        Files.createDirectories(home);
        Files.createSymbolicLink(home.resolve("inbox"), elsewhere);
        fixture.directory.add("LINKED", "linked", home, "linked-Secret-3");
        Path file = fixture.randomFile("x.hl7", 1000, 1);

        Outcome o = fixture.curl.upload(fixture.acmeEndpoint().as("linked", "linked-Secret-3"), file, "inbox/x.hl7");

        assertThat(o.exitCode()).isEqualTo(67);
        assertThat(elsewhere).isEmptyDirectory();
    }
}
