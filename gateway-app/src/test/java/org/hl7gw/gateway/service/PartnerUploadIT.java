package org.hl7gw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.testkit.BatchFileGenerator;
import org.hl7gw.testkit.ftp.Curl;
import org.hl7gw.testkit.ftp.Lftp;
import org.hl7gw.testkit.ftp.ProgramRun;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real OpenSSH sftp, curl and lftp upload to the running gateway, and the messages reach a real MLLP peer. */
class PartnerUploadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    HapiMllpPeer peer;
    ServiceFixture gw;

    @BeforeEach
    void start() throws Exception {
        peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA));
        gw = new ServiceFixture(dir, peer.port(), "explicit", List.of("acme", "beta"), "").start();
    }

    @AfterEach
    void stop() {
        gw.close();
        peer.close();
    }

    private Path batch(String prefix, int messages) {
        Path f = dir.resolve(prefix + ".hl7");
        new BatchFileGenerator(prefix.hashCode()).controlIdPrefix(prefix).messageSize(500).write(f, messages);
        return f;
    }

    @Test
    void anSftpUploadLeavesTheInboxIsDeliveredAndItsResultAppearsInTheOutbox() throws Exception {
        Path f = batch("SFTP", 12);
        OpenSshClient.Result put = gw.sftp("acme").sftp("put " + f + " inbox/nightly.hl7");
        assertThat(put.ok()).as(put.output()).isTrue();

        await().atMost(WAIT).until(() -> peer.receivedControlIds().size() == 12);
        assertThat(peer.receivedControlIds()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 12).mapToObj(i -> BatchFileGenerator.controlId("SFTP", i)).toList());
        Path result = gw.home("acme").resolve("outbox/nightly.hl7.result.json");
        await().atMost(WAIT).until(() -> Files.exists(result));
        JsonNode r = JSON.readTree(result.toFile());
        assertThat(r.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(r.get("delivered").asInt()).isEqualTo(12);
        assertThat(r.get("messageErrors")).isEmpty();
        String ack = Files.readString(gw.home("acme").resolve("outbox/nightly.hl7.ack.hl7"), StandardCharsets.UTF_8);
        assertThat(ack).startsWith("FHS|").contains("\rBTS|0\r").endsWith("FTS|1\r");
        try (var s = Files.list(gw.home("acme").resolve("inbox"))) {
            assertThat(s).isEmpty();
        }
        // the partner can fetch its result over SFTP too
        OpenSshClient.Result get = gw.sftp("acme").sftp("get outbox/nightly.hl7.result.json " + dir.resolve("fetched.json"));
        assertThat(get.ok()).as(get.output()).isTrue();
    }

    @Test
    void curlExplicitFtpsUploadIsDelivered() throws Exception {
        Path f = batch("CURL", 5);
        ProgramRun.Outcome up = new Curl(dir, gw.certificate.certificate()).upload(gw.ftps("beta"), f, "inbox/curl.hl7");
        assertThat(up.succeeded()).as(up.toString()).isTrue();
        await().atMost(WAIT).until(() -> peer.receivedControlIds().size() == 5);
        await().atMost(WAIT).until(() -> Files.exists(gw.home("beta").resolve("outbox/curl.hl7.result.json")));
    }

    @Test
    void lftpExplicitFtpsUploadIsDelivered() throws Exception {
        Path f = batch("LFTP", 4);
        ProgramRun.Outcome up = new Lftp(dir, gw.certificate.certificate()).run(gw.ftps("beta"), "put " + f + " -o inbox/lftp.hl7");
        assertThat(up.succeeded()).as(up.toString()).isTrue();
        await().atMost(WAIT).until(() -> peer.receivedControlIds().size() == 4);
    }

    @Test
    void plaintextFtpLoginIsRefused() {
        ProgramRun.Outcome up = new Curl(dir, gw.certificate.certificate()).run(gw.ftps("beta"), Curl.Protection.NONE, "inbox/x.hl7",
                "-T", batch("PLAIN", 1).toString());
        assertThat(up.succeeded()).isFalse();
        assertThat(gw.files()).isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedAndThePartnerCannotLeaveItsFolder() throws Exception {
        OpenSshClient.KeyFiles stranger = OpenSshClient.generateKey(Files.createDirectories(dir.resolve("other")), "stranger");
        OpenSshClient.Result refused = gw.sftp("acme").as("acme", stranger.privateKey()).sftp("ls");
        assertThat(refused.ok()).isFalse();

        OpenSshClient.Result escape = gw.sftp("acme").sftp("get /etc/passwd " + dir.resolve("passwd"));
        assertThat(escape.ok()).isFalse();
        OpenSshClient.Result up = gw.sftp("acme").sftp("cd ..", "cd ..", "ls -1");
        assertThat(up.stdout()).contains("inbox").contains("outbox").doesNotContain("beta").doesNotContain("data");
        assertThat(dir.resolve("passwd")).doesNotExist();
    }

    @Test
    void oneBrokenFileDoesNotDisturbAnotherPartner() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.hl7"), "MSH|^~\\&|A|B|C|D|2026||ORU^R01|1|P|2.5\rPV|1\r");
        Path good = batch("GOOD", 6);
        OpenSshClient.Result a = gw.sftp("acme").sftp("put " + broken + " inbox/broken.hl7");
        OpenSshClient.Result b = gw.sftp("beta").sftp("put " + good + " inbox/good.hl7");
        assertThat(a.ok() && b.ok()).isTrue();

        await().atMost(WAIT).until(() -> peer.receivedControlIds().size() == 6);
        Path result = gw.home("acme").resolve("outbox/broken.hl7.result.json");
        await().atMost(WAIT).until(() -> Files.exists(result));
        JsonNode r = JSON.readTree(result.toFile());
        assertThat(r.get("status").asText()).isEqualTo("INVALID");
        assertThat(r.get("errors").get(0).asText()).contains("line 2").contains("line is not a segment");
        assertThat(Files.readString(gw.home("acme").resolve("outbox/broken.hl7.ack.hl7"))).contains("MSA|AR|");
    }

    @Test
    void tenPartnersUploadingTwentyFilesEachAtOnceHaveEveryFileProcessedExactlyOnce() throws Exception {
        gw.close();
        List<String> partners = IntStream.rangeClosed(1, 10).mapToObj(i -> "p" + i).toList();
        gw = new ServiceFixture(dir.resolve("many"), peer.port(), null, partners, "").start();
        List<OpenSshClient.Background> uploads = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (String p : partners) {
            List<String> puts = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                String prefix = p.toUpperCase() + "F" + i + "M";
                Path f = dir.resolve(prefix + ".hl7");
                new BatchFileGenerator(prefix.hashCode()).controlIdPrefix(prefix).messageSize(300).write(f, 2);
                puts.add("put " + f + " inbox/" + i + ".hl7");
                expected.add(BatchFileGenerator.controlId(prefix, 1));
                expected.add(BatchFileGenerator.controlId(prefix, 2));
            }
            uploads.add(gw.sftp(p).sftpInBackground(0, puts.toArray(String[]::new)));
        }
        for (OpenSshClient.Background u : uploads) {
            assertThat(u.await(WAIT).ok()).isTrue();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> gw.finished().size() == 200);
        assertThat(gw.files()).hasSize(200).allSatisfy(f -> assertThat(f.status()).isEqualTo(FileStatus.COMPLETED));
        assertThat(peer.receivedControlIds()).hasSize(400).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aServiceStoppedMidDeliveryResumesAfterRestartWithoutLosingOrRepeatingMessages() throws Exception {
        gw.close();
        peer.close();
        peer = HapiMllpPeer.start(m -> HapiMllpPeer.Reply.of(AckCode.AA).after(Duration.ofMillis(150)));
        gw = new ServiceFixture(dir.resolve("restart"), peer.port(), null, List.of("acme"), "").start();
        Path f = batch("RST", 20);
        assertThat(gw.sftp("acme").sftp("put " + f + " inbox/restart.hl7").ok()).isTrue();
        await().atMost(WAIT).until(() -> peer.receivedControlIds().size() >= 4);

        gw.stop();
        int atStop = peer.receivedControlIds().size();
        FileRecord stopped;
        try (var ws = org.hl7gw.gateway.app.Workspace.open(dir.resolve("restart/data"))) {
            stopped = ws.ledger().files(org.hl7gw.ledger.FileQuery.newest(1)).get(0);
        }
        assertThat(stopped.pending()).isPositive();
        assertThat(stopped.delivered()).isEqualTo(atStop);

        gw.start();
        await().atMost(WAIT).until(() -> peer.receivedControlIds().size() >= 20 && gw.finished().size() == 1);
        assertThat(peer.receivedControlIds()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 20).mapToObj(i -> BatchFileGenerator.controlId("RST", i)).toList());
        assertThat(gw.files().get(0).status()).isEqualTo(FileStatus.COMPLETED);
    }
}
