package org.hl7gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7gw.testkit.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final Corpus CORPUS = Corpus.locate();
    private static final String GOOD = CORPUS.file("batch/reportstream__sample-batch-pdi-20210608-0001.hl7").toString();
    private static final String MISMATCH = CORPUS.file("batch/reportstream__test-0001-input-covid-19.hl7").toString();
    private static final String TWO_BATCHES = CORPUS.file("derived/python-hl7__sample_file1.hl7").toString();

    @Test
    void aValidFilePrintsOkWithItsCountsAndExitsZero() {
        Cli r = Cli.run("validate", GOOD);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("OK       " + GOOD + ": 1 batch, 20 messages\n");
    }

    @Test
    void anInvalidFilePrintsItsErrorsAndExitsOne() {
        Cli r = Cli.run("validate", GOOD, MISMATCH);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.outLines()).containsExactly(
                "OK       " + GOOD + ": 1 batch, 20 messages",
                "INVALID  " + MISMATCH + ": 1 batch, 20 messages",
                "  error: " + MISMATCH + ": line 343 (offset 83636) BTS: BTS-1 claims 25 messages but batch 1 (line 2) holds 20");
    }

    @Test
    void warnPolicyPassesACountMismatchWithAWarning() {
        Cli r = Cli.run("validate", "--count-mismatch", "warn", MISMATCH);
        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.outLines().get(1)).startsWith("  warning: ").contains("BTS-1 claims 25 messages");
    }

    @Test
    void jsonGivesOneObjectPerFileWithControlIdsInFileOrder() throws Exception {
        Cli r = Cli.run("validate", "--json", TWO_BATCHES, MISMATCH);
        assertThat(r.exitCode()).isEqualTo(1);
        List<String> lines = r.outLines();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();

        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("file").asText()).isEqualTo(TWO_BATCHES);
        assertThat(first.get("valid").asBoolean()).isTrue();
        assertThat(first.get("batches").asInt()).isEqualTo(2);
        assertThat(first.get("messages").asInt()).isEqualTo(3);
        assertThat(first.get("controlIds")).extracting(JsonNode::asText).containsExactly("12334456778890", "12334456778891", "12334456778890");
        assertThat(first.get("errors")).isEmpty();
        assertThat(first.get("warnings")).isEmpty();

        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.get("valid").asBoolean()).isFalse();
        assertThat(second.get("controlIds")).hasSize(20);
        assertThat(second.get("errors")).singleElement().extracting(JsonNode::asText).asString().contains("BTS-1 claims 25 messages");
    }

    @Test
    void strictReportsWhatHapiRejects(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad-date.hl7");
        Files.writeString(f, "MSH|^~\\&|LAB|ACME|GW|HOSP|20261122083000||ADT^A01^ADT_A01|7|P|2.5.1\rEVN|A01|20261122083000\r"
                + "PID|1||1^^^A^MR||DOE^JANE||NOT-A-DATE|F\rPV1|1|I\r");
        assertThat(Cli.run("validate", f.toString()).exitCode()).isZero();

        Cli strict = Cli.run("validate", "--strict", f.toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("HAPI rejects message 1 (control ID 7)");
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli r = Cli.run("validate", GOOD, "no-such-file.hl7");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no such file: no-such-file.hl7");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadPolicyIsAUsageError() {
        Cli r = Cli.run("validate", "--count-mismatch", "sometimes", GOOD);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'sometimes' is not a count-mismatch policy: use reject or warn");
    }
}
