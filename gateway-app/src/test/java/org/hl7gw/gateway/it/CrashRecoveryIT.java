package org.hl7gw.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.ledger.JournalSettings;
import org.hl7gw.testkit.BatchFileGenerator;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sending process is killed (SIGKILL) in the middle of a batch and started again: every message is
 * delivered, none is lost, and the messages sent twice stay within the crash window the README states.
 */
class CrashRecoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedMidBatchThenRerunDeliversEveryMessageWithDuplicatesWithinTheBound() throws Exception {
        int messages = 300;
        Path f = dir.resolve("crash.hl7");
        new BatchFileGenerator(99).controlIdPrefix("CR").messageSize(400).write(f, messages);
        try (HapiMllpPeer peer = HapiMllpPeer.start(m -> HapiMllpPeer.Reply.of(AckCode.AA).after(Duration.ofMillis(5)))) {
            String to = "mllp://127.0.0.1:" + peer.port();
            String data = dir.resolve("data").toString();
            List<String> cmd = new ArrayList<>(List.of(java(), "-jar", GatewayJar.jar().toString(), "send", f.toString(), "--to", to,
                    "--data-dir", data));
            Process sender = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("send.log").toFile()).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> peer.receivedControlIds().size() >= messages / 3);
            sender.destroyForcibly();
            assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int beforeRestart = peer.receivedControlIds().size();
            assertThat(beforeRestart).isLessThan(messages);

            GatewayJar.Result ledger = GatewayJar.run(dir, List.of(), "ledger", "files", "--json", "--data-dir", data);
            JsonNode file = JSON.readTree(ledger.out().lines().findFirst().orElseThrow());
            assertThat(file.get("status").asText()).isEqualTo("QUEUED");
            assertThat(file.get("pending").asInt()).isPositive();

            GatewayJar.Result rerun = GatewayJar.run(dir, List.of(), "rerun", file.get("id").asText(), "--data-dir", data);
            assertThat(rerun.exitCode()).as(rerun.out() + rerun.stderr()).isZero();

            Map<String, Integer> seen = new HashMap<>();
            peer.receivedControlIds().forEach(id -> seen.merge(id, 1, Integer::sum));
            assertThat(seen).hasSize(messages);
            int duplicates = peer.receivedControlIds().size() - messages;
            int bound = JournalSettings.DEFAULTS.capacity() + JournalSettings.DEFAULTS.maxBatch() + 1;
            assertThat(duplicates).as("messages sent twice").isBetween(0, bound);
            JsonNode after = JSON.readTree(GatewayJar.run(dir, List.of(), "ledger", "files", "--json", "--data-dir", data).out()
                    .lines().findFirst().orElseThrow());
            assertThat(after.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(after.get("delivered").asInt()).isEqualTo(messages);
            Files.writeString(dir.resolve("duplicates.txt"), duplicates + " duplicate(s) after the crash\n");
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
