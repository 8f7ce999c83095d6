package org.hl7gw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.gateway.cli.Cli;
import org.hl7gw.gateway.config.ConfigLoader;
import org.hl7gw.ledger.FileQuery;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.poller.PollReport;
import org.hl7gw.testkit.BatchFileGenerator;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.hl7gw.testkit.servers.LocalUser;
import org.hl7gw.testkit.servers.OpenSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pollers on Quartz schedules inside the service: real sshd, a local folder, the schedules and poll commands. */
class PollerServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    HapiMllpPeer peer;
    GatewayService service;

    @BeforeEach
    void peer() {
        peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA));
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        peer.close();
    }

    private Path config(String pollers) throws Exception {
        Path f = dir.resolve("gateway.yaml");
        Files.writeString(f, """
                dataDir: ./data
                destinations:
                  - { id: lis, url: "mllp://127.0.0.1:%d" }
                partners:
                  - { id: mainframe, destination: lis }
                pollers:
                %s
                """.formatted(peer.port(), pollers));
        return f;
    }

    private void start(Path config) throws Exception {
        service = new GatewayService(new ConfigLoader().load(config), Clock.systemUTC());
        service.start(new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    private List<FileRecord> files() {
        return service.workspace().ledger().files(FileQuery.newest(FileQuery.MAX_LIMIT));
    }

    @Test
    void aScheduledSftpPollerFetchesAMainframeBatchFromRealSshdExactlyOnceAndItIsDelivered() throws Exception {
        LocalUser user = LocalUser.testUser();
        try (OpenSshServer sshd = OpenSshServer.builder(dir.resolve("sshd"), user).start()) {
            Path outbound = user.ownedFolder(dir.resolve("remote/outbound"));
            Path batch = outbound.resolve("nightly.hl7");
            new BatchFileGenerator(3).controlIdPrefix("MF").write(batch, 6);
            user.chown(batch);
            Path c = config("""
                      - id: mainframe-nightly
                        url: "%s"
                        auth: { privateKey: %s }
                        hostKey: "%s"
                        schedule: "0 30 2 * * ?"
                        timeZone: America/Chicago
                        include: ["*.hl7"]
                        stableFor: 1s
                        after: "move:archive/"
                        partner: mainframe
                    """.formatted(sshd.sftpUrl(outbound), sshd.clientKey().privateKey(), sshd.hostKeyFingerprint()));
            start(c);

            Cli list = Cli.run("schedules", "list", "--config", c.toString());
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("mainframe-nightly").contains("\"0 30 2 * * ?\"").contains("America/Chicago").contains("next 20")
                    .contains("never ran").contains("circuit closed").contains("lane-sweeper");

            assertThat(Cli.run("schedules", "trigger", "mainframe-nightly", "--config", c.toString()).exitCode()).isZero();
            await().atMost(WAIT).until(() -> peer.receivedControlIds().size() == 6);
            await().atMost(WAIT).until(() -> Files.exists(outbound.resolve("archive/nightly.hl7")));
            assertThat(batch).doesNotExist();
            assertThat(files()).singleElement().satisfies(f -> {
                assertThat(f.source().toString()).isEqualTo("poller:mainframe-nightly");
                assertThat(f.destination()).isEqualTo("lis");
            });
            await().atMost(WAIT).until(() -> Cli.run("schedules", "list", "--config", c.toString()).out().contains("SUCCEEDED"));

            // nothing new: a second run takes nothing
            PollReport again = service.poll("mainframe-nightly");
            assertThat(again.taken()).isEmpty();
            assertThat(files()).hasSize(1);
            assertThat(peer.receivedControlIds()).hasSize(6);
        }
    }

    @Test
    void twoPollersPointedAtTheSameFolderNeverTakeTheSameFileTwice() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("drop"));
        for (int i = 1; i <= 15; i++) {
            new BatchFileGenerator(i).controlIdPrefix("TW" + i + "M").write(folder.resolve("f" + i + ".hl7"), 1);
        }
        Path c = config("""
                  - { id: left, url: "file://%1$s", schedule: "0 0 3 * * ?", stableFor: 1ms, after: leave, partner: mainframe }
                  - { id: right, url: "file://%1$s", schedule: "0 0 3 * * ?", stableFor: 1ms, after: leave, partner: mainframe }
                """.formatted(folder));
        start(c);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<PollReport>> runs = new ArrayList<>();
        for (String id : List.of("left", "right")) {
            runs.add(pool.submit((Callable<PollReport>) () -> service.poll(id)));
        }
        int taken = 0;
        for (Future<PollReport> r : runs) {
            taken += r.get().taken().size();
        }
        pool.shutdown();
        assertThat(taken).isEqualTo(15);
        await().atMost(WAIT).until(() -> peer.receivedControlIds().size() == 15);
        assertThat(new HashSet<>(peer.receivedControlIds())).hasSize(15);
        assertThat(files()).hasSize(15).allSatisfy(f -> assertThat(f.status()).isNotEqualTo(FileStatus.DUPLICATE));
        // left in place, they are never taken again
        assertThat(service.poll("left").taken()).isEmpty();
        assertThat(service.poll("right").taken()).isEmpty();
    }

    @Test
    void pollOnceShowsWhatItSawAndTookAndAPauseSurvivesARestart() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("drop"));
        new BatchFileGenerator(1).controlIdPrefix("ONCE").write(folder.resolve("a.hl7"), 2);
        Files.writeString(folder.resolve("notes.txt"), "not for us");
        Path c = config("""
                  - { id: local, url: "file://%s", schedule: "0 0 3 * * ?", include: ["*.hl7"], stableFor: 1ms, after: delete, partner: mainframe }
                """.formatted(folder));
        Cli poll = Cli.run("poll", "local", "--once", "--config", c.toString());
        assertThat(poll.exitCode()).as(poll.out() + poll.err()).isZero();
        assertThat(poll.out()).contains("a.hl7").contains("TAKEN").contains("notes.txt").contains("1 file(s) taken for lis");
        assertThat(folder.resolve("a.hl7")).doesNotExist();

        start(c);   // the service's lane delivers what poll --once queued
        await().atMost(WAIT).until(() -> peer.receivedControlIds().size() == 2);
        assertThat(Cli.run("schedules", "pause", "local", "--config", c.toString()).exitCode()).isZero();
        service.close();
        service = null;
        start(c);
        Cli list = Cli.run("schedules", "list", "--config", c.toString());
        assertThat(list.out()).contains("local").contains("PAUSED");
        assertThat(Cli.run("schedules", "resume", "local", "--config", c.toString()).out()).contains("next run 20");
        assertThat(Cli.run("schedules", "pause", "nope", "--config", c.toString()).exitCode()).isEqualTo(2);
    }
}
