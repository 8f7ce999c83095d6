package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.msh;

import org.junit.jupiter.api.Test;

class ObxTextLineFeedTest {

    @Test
    void lineFeedInsideObx5FollowedByTextIsData() {
        String file = msh("1") + "\rOBX|1|TX|NOTE||First line\nsecond line\nthird line||||||F\rNTE|1\r";
        Read r = Read.of(file);

        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(msh("1") + "\rOBX|1|TX|NOTE||First line\nsecond line\nthird line||||||F\rNTE|1\r");
    }

    @Test
    void inAnLfFileTheTextBreakIsKeptAndTheSegmentBreaksBecomeCr() {
        String file = msh("1") + "\nOBX|1|TX|NOTE||Line one\nline two\n\nafter a blank line||||||F\nNTE|1\n";
        Read r = Read.of(file);

        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(msh("1") + "\rOBX|1|TX|NOTE||Line one\nline two\n\nafter a blank line||||||F\rNTE|1\r");
    }

    @Test
    void crlfTextBreakIsKeptAsCrlf() {
        String file = msh("1") + "\r\nOBX|1|TX|NOTE||Line one\r\nline two\r\nNTE|1\r\n";
        Read r = Read.of(file);

        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(msh("1") + "\rOBX|1|TX|NOTE||Line one\r\nline two\rNTE|1\r");
    }

    @Test
    void aLineThatStartsASegmentEndsTheTextEvenInsideObx() {
        Read r = Read.of(msh("1") + "\nOBX|1|TX|NOTE||text\nNTE|1||x\n");
        assertThat(r.message(0)).isEqualTo(msh("1") + "\rOBX|1|TX|NOTE||text\rNTE|1||x\r");
    }

    @Test
    void textAfterALoneCarriageReturnIsAnError() {
        Read r = Read.of(msh("1") + "\rOBX|1|TX|NOTE||text\rnot a segment\r");
        assertThat(r.report.valid()).isFalse();
        assertThat(r.errors()).singleElement().asString().contains("line 3").contains("line is not a segment");
        assertThat(r.messages).hasSize(1);
    }

    @Test
    void textOutsideObxIsAnErrorEvenAfterALineFeed() {
        Read r = Read.of(msh("1") + "\nNTE|1||text\nmore text\n");
        assertThat(r.report.valid()).isFalse();
        assertThat(r.errors()).singleElement().asString().contains("line 3 (offset");
    }

    @Test
    void textBeforeObx5IsAnError() {
        Read r = Read.of(msh("1") + "\nOBX|1|TX\nmore text\n");
        assertThat(r.report.valid()).isFalse();
    }

    @Test
    void theErrorForANonSegmentLineDoesNotQuoteItsText() {
        Read r = Read.of(msh("1") + "\nNTE|1\nJohn Smith has diabetes\n");
        assertThat(r.errors()).singleElement().asString().doesNotContain("John").doesNotContain("Smith");
    }
}
