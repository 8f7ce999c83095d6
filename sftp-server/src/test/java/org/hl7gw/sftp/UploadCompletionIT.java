package org.hl7gw.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.hl7gw.sftp.RecordingUploadHandler.Call;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.hl7gw.testkit.ssh.OpenSshClient.Background;
import org.hl7gw.testkit.ssh.OpenSshClient.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When an upload is handed on, and when it is not, with the real OpenSSH client (and MINA's for two handles). */
class UploadCompletionIT {
    private static final Duration QUIET = Duration.ofMillis(500);

    @TempDir
    Path dir;
    SftpTestServer sftp;
    OpenSshClient acme;

    @BeforeAll
    static void openSshIsThere() {
        assertThat(OpenSshClient.isInstalled()).as("OpenSSH client (sftp, ssh, ssh-keygen) on PATH").isTrue();
    }

    @BeforeEach
    void start() throws IOException {
        sftp = SftpTestServer.start(dir);
        acme = sftp.client(SftpTestServer.ACME);
    }

    @AfterEach
    void stop() {
        sftp.close();
    }

    @Test
    void aPutIsHandedOnOnceWithItsAccountPathAndIntactContent() {
        Path local = sftp.localFile("lab.hl7", 300_000);

        Result r = acme.sftp("put " + local + " inbox/x.hl7");

        assertThat(r.ok()).as(r.output()).isTrue();
        Path expected = sftp.inbox(SftpTestServer.ACME).resolve("x.hl7");
        await().until(() -> !sftp.handler.calls().isEmpty());
        assertQuiet();
        assertThat(sftp.handler.calls()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(RecordingUploadHandler.Kind.UPLOADED);
            assertThat(c.partnerId()).isEqualTo(SftpTestServer.ACME);
            assertThat(c.file()).isEqualTo(expected);
            assertThat(c.protocol()).isEqualTo("sftp");
            assertThat(c.thread()).isEqualTo("hl7gw-sftp-handoff");
        });
        assertThat(SftpTestServer.sha256(expected)).isEqualTo(SftpTestServer.sha256(local));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.hl7.part", "x.hl7.tmp", "x.hl7.filepart", ".x.hl7", "X.HL7.PART"})
    void aTemporaryNameIsHandedOnOnlyWhenRenamedToItsFinalName(String temporary) {
        Path local = sftp.localFile("lab.hl7", 100_000);

        Result put = acme.sftp("put " + local + " inbox/" + temporary);
        assertThat(put.ok()).as(put.output()).isTrue();
        assertQuiet();
        assertThat(sftp.handler.calls()).isEmpty();

        Result rename = acme.sftp("rename inbox/" + temporary + " inbox/x.hl7");
        assertThat(rename.ok()).as(rename.output()).isTrue();

        Path expected = sftp.inbox(SftpTestServer.ACME).resolve("x.hl7");
        await().until(() -> !sftp.handler.calls().isEmpty());
        assertQuiet();
        assertThat(sftp.handler.calls()).extracting(Call::kind, Call::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RecordingUploadHandler.Kind.UPLOADED, expected));
        assertThat(SftpTestServer.sha256(expected)).isEqualTo(SftpTestServer.sha256(local));
    }

    @Test
    void uploadAndRenameInOneSessionHandsOnTheFinalNameOnly() {
        Path local = sftp.localFile("lab.hl7", 50_000);

        Result r = acme.sftp("put " + local + " inbox/x.hl7.part", "rename inbox/x.hl7.part inbox/x.hl7");

        assertThat(r.ok()).as(r.output()).isTrue();
        await().until(() -> !sftp.handler.calls().isEmpty());
        assertQuiet();
        assertThat(sftp.handler.uploadedFiles()).containsExactly(sftp.inbox(SftpTestServer.ACME).resolve("x.hl7"));
    }

    @Test
    void renamingAFinalNameToAnotherDoesNotHandItOnTwice() {
        Path local = sftp.localFile("lab.hl7", 10_000);

        Result r = acme.sftp("put " + local + " inbox/a.hl7", "rename inbox/a.hl7 inbox/b.hl7");

        assertThat(r.ok()).as(r.output()).isTrue();
        await().until(() -> !sftp.handler.calls().isEmpty());
        assertQuiet();
        assertThat(sftp.handler.uploadedFiles()).containsExactly(sftp.inbox(SftpTestServer.ACME).resolve("a.hl7"));
    }

    @Test
    void aSlowUploadIsNotHandedOnBeforeItCompletes() {
        // sftp sends about 256 KiB before its bandwidth limit bites: the file must be well above that
        Path local = sftp.localFile("slow.hl7", 768 * 1024);
        Path remote = sftp.inbox(SftpTestServer.ACME).resolve("slow.hl7");

        try (Background upload = acme.sftpInBackground(2000, "put " + local + " inbox/slow.hl7")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(remote) && Files.size(remote) > 0);
            long seen = sizeOf(remote);
            assertThat(upload.isAlive()).as("still uploading after %d bytes", seen).isTrue();
            assertThat(seen).isLessThan(Files.size(local));
            assertThat(sftp.handler.calls()).isEmpty();

            Result r = upload.await(Duration.ofSeconds(30));
            assertThat(r.ok()).as(r.output()).isTrue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        await().until(() -> !sftp.handler.calls().isEmpty());
        assertQuiet();
        assertThat(sftp.handler.uploadedFiles()).containsExactly(remote);
        assertThat(SftpTestServer.sha256(remote)).isEqualTo(SftpTestServer.sha256(local));
    }

    @Test
    void aClientKilledMidUploadIsReportedInterruptedAndAFullUploadLaterCompletesIt() throws IOException {
        Path local = sftp.localFile("big.hl7", 1024 * 1024);
        Path remote = sftp.inbox(SftpTestServer.ACME).resolve("big.hl7");

        try (Background upload = acme.sftpInBackground(1600, "put " + local + " inbox/big.hl7")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(remote) && Files.size(remote) > 64 * 1024);
            assertThat(upload.isAlive()).isTrue();
            upload.killAbruptly();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !sftp.handler.calls().isEmpty());
        assertQuiet();
        assertThat(sftp.handler.uploads()).isEmpty();
        assertThat(sftp.handler.interruptions()).singleElement().satisfies(c -> {
            assertThat(c.file()).isEqualTo(remote);
            assertThat(c.partnerId()).isEqualTo(SftpTestServer.ACME);
            assertThat(c.bytes()).isPositive().isLessThan(Files.size(local)).isEqualTo(Files.size(remote));
        });
        assertThat(remote).exists();

        Result again = acme.sftp("put " + local + " inbox/big.hl7");
        assertThat(again.ok()).as(again.output()).isTrue();
        await().until(() -> sftp.handler.uploads().size() == 1);
        assertQuiet();
        assertThat(sftp.handler.uploadedFiles()).containsExactly(remote);
        assertThat(sftp.handler.interruptions()).hasSize(1);
        assertThat(SftpTestServer.sha256(remote)).isEqualTo(SftpTestServer.sha256(local));
    }

    @Test
    void stoppingTheServerMidUploadReportsTheUploadInterrupted() throws IOException {
        Path local = sftp.localFile("stop.hl7", 1024 * 1024);
        Path remote = sftp.inbox(SftpTestServer.ACME).resolve("stop.hl7");
        try (Background upload = acme.sftpInBackground(1600, "put " + local + " inbox/stop.hl7")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(remote) && Files.size(remote) > 64 * 1024);

            sftp.close();

            assertThat(upload.await(Duration.ofSeconds(20)).ok()).isFalse();
        }
        // the hand-off thread reports teardowns after the sessions closed; on a loaded machine that takes a moment
        await().atMost(Duration.ofSeconds(10)).until(() -> !sftp.handler.calls().isEmpty());
        assertThat(sftp.handler.calls()).extracting(Call::kind).containsExactly(RecordingUploadHandler.Kind.INTERRUPTED);
        assertThat(remote).exists();
    }

    @Test
    void anInterruptedUploadResumedWithReputIsHandedOnComplete() throws IOException {
        Path local = sftp.localFile("resume.hl7", 1024 * 1024);
        Path remote = sftp.inbox(SftpTestServer.ACME).resolve("resume.hl7");
        try (Background upload = acme.sftpInBackground(1600, "put " + local + " inbox/resume.hl7")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(remote) && Files.size(remote) > 64 * 1024);
            upload.killAbruptly();
        }
        await().until(() -> sftp.handler.interruptions().size() == 1);

        Result resume = acme.sftp("reput " + local + " inbox/resume.hl7");

        assertThat(resume.ok()).as(resume.output()).isTrue();
        await().until(() -> sftp.handler.uploads().size() == 1);
        assertThat(sftp.handler.uploadedFiles()).containsExactly(remote);
        assertThat(SftpTestServer.sha256(remote)).isEqualTo(SftpTestServer.sha256(local));
    }

    @Test
    void anInterruptedTemporaryUploadIsNotHandedOnWhenRenamed() throws IOException {
        Path local = sftp.localFile("cut.hl7", 1024 * 1024);
        Path part = sftp.inbox(SftpTestServer.ACME).resolve("cut.hl7.part");
        try (Background upload = acme.sftpInBackground(1600, "put " + local + " inbox/cut.hl7.part")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(part) && Files.size(part) > 64 * 1024);
            upload.killAbruptly();
        }
        await().until(() -> sftp.handler.interruptions().size() == 1);

        Result rename = acme.sftp("rename inbox/cut.hl7.part inbox/cut.hl7");

        assertThat(rename.ok()).as(rename.output()).isTrue();
        Path renamed = sftp.inbox(SftpTestServer.ACME).resolve("cut.hl7");
        await().until(() -> sftp.handler.interruptions().size() == 2);
        assertQuiet();
        assertThat(sftp.handler.uploads()).isEmpty();
        assertThat(sftp.handler.interruptions().get(1).file()).isEqualTo(renamed);
    }

    @Test
    void aFileIsHandedOnOnlyWhenTheLastOfTwoWritersCloses() throws IOException {
        Path remote = sftp.inbox(SftpTestServer.ACME).resolve("two.hl7");
        try (MinaClient mina = MinaClient.withKey(sftp, SftpTestServer.ACME);
                SftpClient one = mina.sftp();
                SftpClient two = mina.sftp()) {
            SftpClient.Handle first = one.open("/inbox/two.hl7", EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate));
            SftpClient.Handle second = two.open("/inbox/two.hl7", EnumSet.of(OpenMode.Write));
            one.write(first, 0, "MSH|first half|".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            two.write(second, 15, "second half\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

            one.close(first);
            assertQuiet();
            assertThat(sftp.handler.calls()).isEmpty();

            two.close(second);
        }
        await().until(() -> !sftp.handler.calls().isEmpty());
        assertQuiet();
        assertThat(sftp.handler.uploadedFiles()).containsExactly(remote);
        assertThat(Files.readString(remote)).isEqualTo("MSH|first half|second half\r");
    }

    @Test
    void aPlainSftpRenameCompletesATemporaryUploadLikePosixRename() throws IOException {
        try (MinaClient mina = MinaClient.withKey(sftp, SftpTestServer.ACME); SftpClient client = mina.sftp()) {
            try (OutputStream out = client.write("/inbox/v3.hl7.filepart")) {
                out.write("MSH|^~\\&|LAB\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            assertQuiet();
            assertThat(sftp.handler.calls()).isEmpty();
            client.rename("/inbox/v3.hl7.filepart", "/inbox/v3.hl7"); // SSH_FXP_RENAME, not the OpenSSH extension
        }
        await().until(() -> !sftp.handler.calls().isEmpty());
        assertThat(sftp.handler.uploadedFiles()).containsExactly(sftp.inbox(SftpTestServer.ACME).resolve("v3.hl7"));
    }

    @Test
    void uploadingTheSameNameTwiceHandsItOnTwice() {
        Path local = sftp.localFile("again.hl7", 20_000);

        Result r = acme.sftp("put " + local + " inbox/again.hl7", "put " + local + " inbox/again.hl7");

        assertThat(r.ok()).as(r.output()).isTrue();
        await().until(() -> sftp.handler.calls().size() == 2);
        assertQuiet();
        assertThat(sftp.handler.uploads()).hasSize(2);
    }

    @Test
    void readingAFileIsNotAnUpload() throws IOException {
        Files.createDirectories(sftp.inbox(SftpTestServer.ACME));
        Files.createDirectories(sftp.outbox(SftpTestServer.ACME));
        Files.writeString(sftp.inbox(SftpTestServer.ACME).resolve("already.hl7"), "MSH|\r");
        Files.writeString(sftp.outbox(SftpTestServer.ACME).resolve("result.txt"), "AA\n");

        Result r = acme.sftp("get inbox/already.hl7 " + dir.resolve("a.hl7"), "get outbox/result.txt " + dir.resolve("r.txt"));

        assertThat(r.ok()).as(r.output()).isTrue();
        assertQuiet();
        assertThat(sftp.handler.calls()).isEmpty();
    }

    /** The handler's calls stay as they are for a while: a wrong or late hand-off would show up here. */
    private void assertQuiet() {
        int now = sftp.handler.calls().size();
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> sftp.handler.calls().size() == now);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
