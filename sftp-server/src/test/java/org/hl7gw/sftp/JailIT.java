package org.hl7gw.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpException;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.hl7gw.testkit.ssh.OpenSshClient.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each partner stays inside its home, sees only inbox/ and outbox/, and can write only where it should. */
class JailIT {
    @TempDir
    Path dir;
    SftpTestServer sftp;
    OpenSshClient acme;
    Path home;
    Path outside;

    @BeforeAll
    static void openSshIsThere() {
        assertThat(OpenSshClient.isInstalled()).as("OpenSSH client on PATH").isTrue();
    }

    @BeforeEach
    void start() throws IOException {
        sftp = SftpTestServer.start(dir);
        acme = sftp.client(SftpTestServer.ACME);
        home = sftp.home(SftpTestServer.ACME);
        Files.createDirectories(sftp.inbox(SftpTestServer.ACME));
        Files.createDirectories(sftp.outbox(SftpTestServer.ACME));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "TOP SECRET\n");
    }

    @AfterEach
    void stop() {
        sftp.close();
    }

    @Test
    void cdDotDotStaysAtTheHome() {
        Result r = acme.sftp("cd ..", "cd ../..", "pwd", "ls -1");

        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.stdout()).contains("Remote working directory: /\n");
        assertThat(listed(r)).containsExactly("Remote working directory: /", "inbox", "outbox");
    }

    @Test
    void theHomeListsOnlyInboxAndOutbox() throws IOException {
        Files.writeString(home.resolve("notes.txt"), "operator notes");
        Files.createDirectories(home.resolve("archive"));

        Result r = acme.sftp("ls -1 /");

        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(listed(r)).containsExactly("/inbox", "/outbox");
        Result get = acme.sftp("get /notes.txt " + dir.resolve("notes.txt"));
        assertThat(get.ok()).as(get.output()).isFalse();
        assertThat(dir.resolve("notes.txt")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../../etc/passwd", "inbox/../../../etc/passwd", "/../../../../etc/passwd"})
    void filesOutsideTheHomeCannotBeRead(String path) {
        Path local = dir.resolve("stolen");

        Result r = acme.sftp("get " + path + " " + local);

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(local).doesNotExist();
    }

    @Test
    void anAbsolutePathResolvesInsideTheHome() throws IOException {
        Files.writeString(sftp.outbox(SftpTestServer.ACME).resolve("result.txt"), "ACK AA\n");

        Result r = acme.sftp("cd /inbox", "get /outbox/result.txt " + dir.resolve("got.txt"));

        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(dir.resolve("got.txt")).hasContent("ACK AA");
    }

    @Test
    void aSymbolicLinkToAFileOutsideCannotBeRead() throws IOException {
        Files.createSymbolicLink(sftp.outbox(SftpTestServer.ACME).resolve("result.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(sftp.inbox(SftpTestServer.ACME).resolve("lab.hl7"), outside.resolve("secret.txt"));

        for (String path : List.of("outbox/result.txt", "/inbox/lab.hl7")) {
            Path local = dir.resolve("stolen");
            Result r = acme.sftp("get " + path + " " + local);
            assertThat(r.ok()).as(r.output()).isFalse();
            assertThat(local).doesNotExist();
        }
    }

    @Test
    void aSymbolicLinkToADirectoryOutsideCannotBeEnteredOrListed() throws IOException {
        Files.createSymbolicLink(sftp.outbox(SftpTestServer.ACME).resolve("shared"), outside);
        Files.createSymbolicLink(home.resolve("inbox2"), outside);

        assertThat(acme.sftp("ls outbox/shared").ok()).isFalse();
        assertThat(acme.sftp("cd outbox/shared").ok()).isFalse();
        Result get = acme.sftp("get outbox/shared/secret.txt " + dir.resolve("stolen"));
        assertThat(get.ok()).as(get.output()).isFalse();
        assertThat(dir.resolve("stolen")).doesNotExist();
        Result put = acme.sftp("put " + sftp.localFile("x.hl7", 10) + " outbox/shared/planted.txt");
        assertThat(put.ok()).isFalse();
        assertThat(outside.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void aSymbolicLinkInTheWayOfAnUploadIsNotFollowed() throws IOException {
        Files.createSymbolicLink(sftp.inbox(SftpTestServer.ACME).resolve("x.hl7"), outside.resolve("secret.txt"));

        Result r = acme.sftp("put " + sftp.localFile("x.hl7", 100) + " inbox/x.hl7");

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(outside.resolve("secret.txt")).hasContent("TOP SECRET");
    }

    @Test
    void anInboxThatIsASymbolicLinkIsNotUsed() throws IOException {
        Path betaHome = Files.createDirectories(sftp.home(SftpTestServer.BETA));
        Files.createSymbolicLink(betaHome.resolve("inbox"), outside);

        Result r = sftp.client(SftpTestServer.BETA).sftp("put " + sftp.localFile("x.hl7", 10) + " inbox/x.hl7");

        assertThat(r.ok()).as(r.output()).isFalse();
        try (var files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        }
    }

    @Test
    void partnersCannotCreateLinks() throws IOException {
        Files.writeString(sftp.inbox(SftpTestServer.ACME).resolve("a.hl7"), "MSH|\r");

        for (String command : List.of("symlink /inbox/a.hl7 /inbox/b.hl7", "ln -s /inbox/a.hl7 /inbox/c.hl7",
                "ln /inbox/a.hl7 /inbox/d.hl7", "symlink /etc/passwd /inbox/e.hl7")) {
            Result r = acme.sftp(command);
            assertThat(r.ok()).as(command + "\n" + r.output()).isFalse();
        }
        try (var files = Files.list(sftp.inbox(SftpTestServer.ACME))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.hl7");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"outbox/x.hl7", "x.hl7", "/x.hl7", "outbox", "/", "."})
    void uploadsAreRefusedOutsideTheInbox(String target) throws IOException {
        Path local = sftp.localFile("x.hl7", 100);

        Result r = acme.sftp("put " + local + " " + target);

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(sftp.outbox(SftpTestServer.ACME).resolve("x.hl7")).doesNotExist();
        assertThat(home.resolve("x.hl7")).doesNotExist();
        assertThat(sftp.inbox(SftpTestServer.ACME)).isEmptyDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mkdir inbox/sub", "mkdir /private", "rmdir outbox", "rm inbox", "rename inbox in",
        "rename inbox/a.hl7 outbox/a.hl7", "rename outbox/r.txt inbox/r.hl7", "chmod 644 outbox/r.txt",
        "chown 0 inbox/a.hl7", "chgrp 0 inbox/a.hl7"})
    void everythingElseIsRefused(String command) throws IOException {
        Files.writeString(sftp.inbox(SftpTestServer.ACME).resolve("a.hl7"), "MSH|\r");
        Files.writeString(sftp.outbox(SftpTestServer.ACME).resolve("r.txt"), "AA\n");

        Result r = acme.sftp(command);

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(home).isDirectoryContaining(p -> p.getFileName().toString().equals("inbox"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("outbox"));
        try (var all = Files.walk(home)) {
            assertThat(all.map(home::relativize).map(Path::toString))
                    .containsExactlyInAnyOrder("", "inbox", "outbox", "inbox/a.hl7", "outbox/r.txt");
        }
    }

    @Test
    void resultsInTheOutboxCanBeFetchedRenamedAndDeleted() throws IOException {
        Path outbox = sftp.outbox(SftpTestServer.ACME);
        Files.writeString(outbox.resolve("r1.txt"), "AA 1\n");
        Files.writeString(outbox.resolve("r2.txt"), "AA 2\n");

        Result r = acme.sftp("get outbox/r1.txt " + dir.resolve("r1.txt"), "rm outbox/r1.txt",
                "rename outbox/r2.txt outbox/r2.done");

        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(dir.resolve("r1.txt")).hasContent("AA 1");
        try (var files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("r2.done");
        }
    }

    @Test
    void uploadsAreOwnerOnlyWhateverModeTheClientSends() throws IOException {
        Path local = sftp.localFile("x.hl7", 100);
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxrwxrwx"));

        Result r = acme.sftp("put -p " + local + " inbox/x.hl7", "chmod 666 inbox/x.hl7");

        assertThat(r.ok()).as(r.output()).isTrue();
        Path uploaded = sftp.inbox(SftpTestServer.ACME).resolve("x.hl7");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(uploaded))).isEqualTo("rw-------");
        assertThat(Files.getLastModifiedTime(uploaded).toMillis() / 1000)
                .isEqualTo(Files.getLastModifiedTime(local).toMillis() / 1000);
    }

    @Test
    void onePartnerCannotSeeAnothersFiles() throws IOException {
        Files.writeString(sftp.inbox(SftpTestServer.ACME).resolve("acme-only.hl7"), "MSH|\r");
        OpenSshClient beta = sftp.client(SftpTestServer.BETA);

        Result list = beta.sftp("ls -1 inbox");
        assertThat(list.ok()).as(list.output()).isTrue();
        assertThat(listed(list)).isEmpty();
        for (String path : List.of("../acme/inbox/acme-only.hl7", "/../acme/inbox/acme-only.hl7",
                "/acme/inbox/acme-only.hl7")) {
            Result get = beta.sftp("get " + path + " " + dir.resolve("stolen"));
            assertThat(get.ok()).as(get.output()).isFalse();
        }
        assertThat(dir.resolve("stolen")).doesNotExist();
    }

    @Test
    void rawSftpRequestsCannotLeaveTheJailEither() throws IOException {
        Files.writeString(sftp.inbox(SftpTestServer.ACME).resolve("a.hl7"), "MSH|\r");
        try (MinaClient mina = MinaClient.withKey(sftp, SftpTestServer.ACME); SftpClient client = mina.sftp()) {
            assertThat(client.canonicalPath("/../../..")).isEqualTo("/");
            assertThatThrownBy(() -> client.stat("/../../etc/passwd")).isInstanceOf(SftpException.class);
            assertThatThrownBy(() -> client.read("/inbox/../../../etc/passwd").readAllBytes())
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.symLink("/inbox/l.hl7", "/etc/passwd")).isInstanceOf(SftpException.class);
            assertThatThrownBy(() -> client.link("/inbox/a.hl7", "/inbox/h.hl7", false)).isInstanceOf(SftpException.class);
            assertThatThrownBy(() -> client.rename("/inbox/a.hl7", "/a.hl7")).isInstanceOf(SftpException.class);
            assertThatThrownBy(() -> client.setStat("/inbox/a.hl7", new SftpClient.Attributes().size(0)))
                    .isInstanceOf(SftpException.class);
        }
        assertThat(sftp.inbox(SftpTestServer.ACME).resolve("a.hl7")).hasContent("MSH|\r");
        try (var files = Files.list(sftp.inbox(SftpTestServer.ACME))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.hl7");
        }
    }

    /** The names an sftp "ls -1" printed (the batch echo lines "sftp> ..." left out). */
    private static List<String> listed(Result r) {
        return r.stdout().lines().filter(l -> !l.startsWith("sftp>") && !l.isBlank()).map(String::trim).toList();
    }
}
