package org.hl7gw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.testkit.BatchFileGenerator;
import org.hl7gw.testkit.ftp.Curl;
import org.hl7gw.testkit.ftp.Lftp;
import org.hl7gw.testkit.ftp.ProgramRun;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's FTPS server in implicit mode, with curl and lftp. */
class ImplicitFtpsIT {
    @TempDir
    Path dir;

    @Test
    void curlAndLftpUploadOverImplicitTlsAndTheMessagesAreDelivered() throws Exception {
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA));
             ServiceFixture gw = new ServiceFixture(dir, peer.port(), "implicit", List.of("acme"), "").start()) {
            Path a = dir.resolve("a.hl7");
            new BatchFileGenerator(1).controlIdPrefix("IMPA").write(a, 3);
            Path b = dir.resolve("b.hl7");
            new BatchFileGenerator(2).controlIdPrefix("IMPB").write(b, 2);

            ProgramRun.Outcome curl = new Curl(dir, gw.certificate.certificate()).upload(gw.ftps("acme"), a, "inbox/a.hl7");
            assertThat(curl.succeeded()).as(curl.toString()).isTrue();
            ProgramRun.Outcome lftp = new Lftp(dir, gw.certificate.certificate()).run(gw.ftps("acme"), "put " + b + " -o inbox/b.hl7");
            assertThat(lftp.succeeded()).as(lftp.toString()).isTrue();

            await().atMost(Duration.ofSeconds(60)).until(() -> peer.receivedControlIds().size() == 5);
            assertThat(peer.receivedControlIds()).containsExactlyInAnyOrder(
                    BatchFileGenerator.controlId("IMPA", 1), BatchFileGenerator.controlId("IMPA", 2), BatchFileGenerator.controlId("IMPA", 3),
                    BatchFileGenerator.controlId("IMPB", 1), BatchFileGenerator.controlId("IMPB", 2));
        }
    }
}
