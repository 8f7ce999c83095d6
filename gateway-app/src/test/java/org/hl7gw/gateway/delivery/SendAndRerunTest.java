package org.hl7gw.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.gateway.cli.Cli;
import org.hl7gw.testkit.BatchFileGenerator;
import org.hl7gw.testkit.Corpus;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.hl7gw.testkit.mllp.ScriptedMllpPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send}, {@code ledger} and {@code rerun} against a real MLLP peer (HAPI's server) on loopback. */
class SendAndRerunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path batch(String prefix, int messages) {
        Path f = dir.resolve(prefix + ".hl7");
        new BatchFileGenerator(prefix.hashCode()).controlIdPrefix(prefix).messageSize(600).write(f, messages);
        return f;
    }

    private static List<String> ids(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> BatchFileGenerator.controlId(prefix, i)).toList();
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private JsonNode onlyFile() throws Exception {
        Cli files = Cli.run("ledger", "files", "--json", "--data-dir", data());
        assertThat(files.exitCode()).isZero();
        return JSON.readTree(files.outLines().get(0));
    }

    private List<JsonNode> messages(long fileId) throws Exception {
        Cli r = Cli.run("ledger", "messages", String.valueOf(fileId), "--json", "--data-dir", data());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.outLines()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void sendDeliversEveryMessageInFileOrderAndTheLedgerSaysSo() throws Exception {
        Path f = batch("A", 30);
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            Cli r = Cli.run("send", f.toString(), "--to", "mllp://127.0.0.1:" + peer.port(), "--data-dir", data());

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("COMPLETED").contains("30 messages, delivered 30, rejected 0, failed 0, pending 0");
            assertThat(peer.receivedControlIds()).containsExactlyElementsOf(ids("A", 1, 30));
        }
        JsonNode file = onlyFile();
        assertThat(file.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(file.get("messages").asInt()).isEqualTo(30);
        assertThat(file.get("delivered").asInt()).isEqualTo(30);
        assertThat(file.get("pending").asInt()).isZero();
        assertThat(file.get("sha256").asText()).hasSize(64);
        List<JsonNode> messages = messages(file.get("id").asLong());
        assertThat(messages).hasSize(30).allSatisfy(m -> {
            assertThat(m.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(m.get("attempts").asInt()).isEqualTo(1);
            assertThat(m.get("ackCode").asText()).isEqualTo("AA");
        });
        assertThat(messages).extracting(m -> m.get("controlId").asText()).containsExactlyElementsOf(ids("A", 1, 30));
        Cli show = Cli.run("ledger", "show", file.get("id").asText(), "--data-dir", data());
        assertThat(show.out()).contains("status       COMPLETED").contains("attempt 1: AA");
    }

    @Test
    void theSameBytesAgainAreADuplicateAndAreNotSentUnlessForced() throws Exception {
        Path f = batch("D", 5);
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            String to = "mllp://127.0.0.1:" + peer.port();
            assertThat(Cli.run("send", f.toString(), "--to", to, "--data-dir", data()).exitCode()).isZero();

            Cli again = Cli.run("send", f.toString(), "--to", to, "--data-dir", data());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.out()).contains("DUPLICATE").contains("duplicate of file 1");
            assertThat(peer.receivedControlIds()).hasSize(5);

            Cli forced = Cli.run("send", f.toString(), "--to", to, "--data-dir", data(), "--force");
            assertThat(forced.exitCode()).isZero();
            assertThat(peer.receivedControlIds()).hasSize(10);
        }
    }

    @Test
    void aRejectedMessageIsRecordedTheRestIsDeliveredAndTheExitCodeIsOne() throws Exception {
        Path f = batch("R", 8);
        String rejected = BatchFileGenerator.controlId("R", 3);
        try (HapiMllpPeer peer = HapiMllpPeer.start(m -> HapiMllpPeer.Reply.of(m.controlId().equals(rejected) ? AckCode.AR : AckCode.AA))) {
            Cli r = Cli.run("send", f.toString(), "--to", "mllp://127.0.0.1:" + peer.port(), "--data-dir", data());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(peer.receivedControlIds()).containsExactlyElementsOf(ids("R", 1, 8));
        }
        JsonNode file = onlyFile();
        assertThat(file.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(file.get("rejected").asInt()).isEqualTo(1);
        assertThat(file.get("delivered").asInt()).isEqualTo(7);
        JsonNode third = messages(file.get("id").asLong()).get(2);
        assertThat(third.get("status").asText()).isEqualTo("REJECTED");
        assertThat(third.get("ackCode").asText()).isEqualTo("AR");
    }

    @Test
    void aReceiverThatStopsAnsweringHaltsTheLaneAndRerunSendsOnlyWhatWasNotAcknowledged() throws Exception {
        Path f = batch("H", 20);
        // the first receiver acknowledges 6 messages, then never answers again
        try (ScriptedMllpPeer dying = ScriptedMllpPeer.start(m -> m.number() <= 6 ? List.of(ScriptedMllpPeer.Action.ack(AckCode.AA))
                : List.of())) {
            Cli r = Cli.run("send", f.toString(), "--to", "mllp://127.0.0.1:" + dying.port(), "--data-dir", data(),
                    "--ack-timeout", "200ms", "--max-attempts", "2", "--backoff", "20ms");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("FAILED").contains("delivered 6, rejected 0, failed 1, pending 13").contains("HALTED");
        }
        JsonNode file = onlyFile();
        long id = file.get("id").asLong();
        assertThat(file.get("status").asText()).isEqualTo("FAILED");
        assertThat(Cli.run("ledger", "lanes", "--data-dir", data()).out()).contains("HALTED");
        Cli dry = Cli.run("rerun", String.valueOf(id), "--dry-run", "--data-dir", data());
        assertThat(dry.out()).contains("14 message(s) would be sent").contains("6 DELIVERED would not");

        try (HapiMllpPeer good = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            Cli rerun = Cli.run("rerun", String.valueOf(id), "--to", "mllp://127.0.0.1:" + good.port(), "--data-dir", data());

            assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
            assertThat(good.receivedControlIds()).containsExactlyElementsOf(ids("H", 7, 20));
        }
        JsonNode after = onlyFile();
        assertThat(after.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(after.get("delivered").asInt()).isEqualTo(20);
        assertThat(Cli.run("ledger", "lanes", "--data-dir", data()).out()).contains("no lane is halted");
    }

    @Test
    void rejectedMessagesAreSentAgainOnlyWithIncludeRejected() throws Exception {
        Path f = batch("J", 4);
        String rejected = BatchFileGenerator.controlId("J", 2);
        try (HapiMllpPeer peer = HapiMllpPeer.start(m -> HapiMllpPeer.Reply.of(m.occurrence() == 1 && m.controlId().equals(rejected)
                ? AckCode.AR : AckCode.AA))) {
            String to = "mllp://127.0.0.1:" + peer.port();
            assertThat(Cli.run("send", f.toString(), "--to", to, "--data-dir", data()).exitCode()).isEqualTo(1);
            long id = onlyFile().get("id").asLong();

            Cli plain = Cli.run("rerun", String.valueOf(id), "--data-dir", data());
            assertThat(plain.out()).contains("0 message(s) set back to PENDING");
            assertThat(peer.receivedControlIds()).hasSize(4);

            Cli included = Cli.run("rerun", String.valueOf(id), "--include-rejected", "--data-dir", data());
            assertThat(included.exitCode()).as(included.out()).isZero();
            assertThat(peer.receivedControlIds()).hasSize(5).endsWith(rejected);
        }
    }

    @Test
    void anInvalidFileSendsNothingAndCanBeRerunOnceAnOperatorAcceptsTheCount() throws Exception {
        Path mismatch = Corpus.locate().file("batch/reportstream__test-0001-input-covid-19.hl7");
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            String to = "mllp://127.0.0.1:" + peer.port();
            Cli r = Cli.run("send", mismatch.toString(), "--to", to, "--data-dir", data());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("INVALID").contains("BTS-1 claims 25 messages but batch 1 (line 2) holds 20");
            assertThat(peer.receivedControlIds()).isEmpty();
            JsonNode file = onlyFile();
            assertThat(file.get("status").asText()).isEqualTo("INVALID");
            assertThat(file.get("error").asText()).contains("BTS-1 claims 25");

            Cli rerun = Cli.run("rerun", file.get("id").asText(), "--count-mismatch", "warn", "--data-dir", data());
            assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
            assertThat(peer.receivedControlIds()).hasSize(20);
            assertThat(onlyFile().get("warnings").asText()).contains("BTS-1 claims 25");
        }
    }

    @Test
    void unknownFileAndMissingDestinationAreUsageErrors() throws Exception {
        Path f = batch("U", 1);
        assertThat(Cli.run("send", f.toString(), "--data-dir", data()).exitCode()).isEqualTo(2);
        assertThat(Cli.run("send", f.toString(), "--to", "http://x:1", "--data-dir", data()).exitCode()).isEqualTo(2);
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            Cli.run("send", f.toString(), "--to", "mllp://127.0.0.1:" + peer.port(), "--data-dir", data());
        }
        assertThat(Cli.run("rerun", "999", "--data-dir", data()).exitCode()).isEqualTo(2);
        assertThat(Cli.run("ledger", "files", "--data-dir", dir.resolve("nowhere").toString()).exitCode()).isEqualTo(2);
    }

    static Duration seconds(int n) {
        return Duration.ofSeconds(n);
    }
}
