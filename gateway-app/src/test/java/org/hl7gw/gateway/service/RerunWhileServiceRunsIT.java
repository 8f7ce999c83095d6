package org.hl7gw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.gateway.cli.Cli;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.testkit.BatchFileGenerator;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rerun while the service runs is carried out by the service's own lane, in order, without a second connection. */
class RerunWhileServiceRunsIT {
    @TempDir
    Path dir;

    @Test
    void aRerunFromTheCommandLineIsDeliveredByTheServicesLane() throws Exception {
        AtomicBoolean receiverFixed = new AtomicBoolean(false);
        try (HapiMllpPeer peer = HapiMllpPeer.start(m -> HapiMllpPeer.Reply.of(receiverFixed.get() || m.number() <= 3 ? AckCode.AA : AckCode.AE));
             ServiceFixture gw = new ServiceFixture(dir, peer.port(), null, List.of("acme"), "").start()) {
            Path f = dir.resolve("batch.hl7");
            new BatchFileGenerator(5).controlIdPrefix("RS").write(f, 8);
            assertThat(gw.sftp("acme").sftp("put " + f + " inbox/batch.hl7").ok()).isTrue();

            // the receiver answers AE from the 4th message on: the 4th FAILS after 3 attempts and the lane halts
            await().atMost(Duration.ofSeconds(60)).until(() -> gw.files().size() == 1 && gw.files().get(0).status() == FileStatus.FAILED);
            FileRecord failed = gw.files().get(0);
            assertThat(failed.delivered()).isEqualTo(3);
            assertThat(failed.failed()).isEqualTo(1);
            assertThat(failed.pending()).isEqualTo(4);
            int before = peer.receivedControlIds().size();

            receiverFixed.set(true);
            Cli rerun = Cli.run("rerun", String.valueOf(failed.id()), "--data-dir", dir.resolve("data").toString(), "--wait", "60s");

            assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
            assertThat(rerun.err()).contains("another gateway process is sending to lis");
            assertThat(peer.receivedControlIds().subList(before, peer.receivedControlIds().size()))
                    .containsExactly(BatchFileGenerator.controlId("RS", 4), BatchFileGenerator.controlId("RS", 5), BatchFileGenerator.controlId("RS", 6),
                            BatchFileGenerator.controlId("RS", 7), BatchFileGenerator.controlId("RS", 8));
            assertThat(gw.files().get(0).status()).isEqualTo(FileStatus.COMPLETED);
        }
    }
}
