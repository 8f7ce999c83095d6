package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.cr;
import static org.hl7gw.splitter.Read.msh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountTest {
    private static final SplitterSettings WARN = SplitterSettings.defaults().withCountMismatch(CountMismatchPolicy.WARN);

    @Test
    void batchCountThatDoesNotMatchRejectsTheFileByDefault() {
        Read r = Read.of(cr("BHS|^~\\&|A", msh("1"), msh("2"), msh("3"), "BTS|4"));

        assertThat(r.report.valid()).isFalse();
        long btsOffset = "BHS|^~\\&|A\r".length() + 3L * (msh("1").length() + 1);
        assertThat(r.errors()).containsExactly("test.hl7: line 5 (offset " + btsOffset + ") BTS: BTS-1 claims 4 messages but batch 1 (line 1) holds 3");
    }

    @Test
    void fileCountThatDoesNotMatchRejectsTheFile() {
        Read r = Read.of(cr("FHS|^~\\&|A", "BHS|^~\\&|A", msh("1"), "BTS|1", "FTS|2"));
        assertThat(r.errors()).singleElement().asString().endsWith("FTS: FTS-1 claims 2 batches but the file (FHS line 1) holds 1");
    }

    @Test
    void underTheWarnPolicyAMismatchPassesWithAWarning() {
        Read r = Read.of(cr("FHS|^~\\&|A", "BHS|^~\\&|A", msh("1"), "BTS|5", "FTS|3"), WARN);

        assertThat(r.report.valid()).isTrue();
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().get(0)).contains("BTS-1 claims 5 messages but batch 1 (line 2) holds 1").contains("accepted");
        assertThat(r.warnings().get(1)).contains("FTS-1 claims 3 batches but the file");
        assertThat(r.messages).hasSize(1);
    }

    @ParameterizedTest(name = "BTS-1 = \"{0}\"")
    @ValueSource(strings = {"2", "02", "0002", " 2", "2 ", "  02  "})
    void leadingZerosAndSurroundingSpacesAreAllowed(String claim) {
        Read r = Read.of(cr("BHS|^~\\&|A", msh("1"), msh("2"), "BTS|" + claim + "|comment"));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void anEmptyCountClaimsNothing() {
        Read r = Read.of(cr("FHS|^~\\&|A", "BHS|^~\\&|A", msh("1"), "BTS||comment", "FTS"));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void aCountThatIsNotANumberIsAnError() {
        Read r = Read.of(cr("BHS|^~\\&|A", msh("1"), "BTS|one"));
        assertThat(r.errors()).singleElement().asString().contains("BTS-1 must be a count of messages; found 'one'");
    }

    @Test
    void aZeroMessageBatchThatClaimsMessagesIsAMismatch() {
        Read r = Read.of(cr("FHS|^~\\&|A", "BHS|^~\\&|A", "BTS|2", "FTS|1"));
        assertThat(r.errors()).singleElement().asString().contains("BTS-1 claims 2 messages but batch 1 (line 2) holds 0");
    }
}
