package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.cr;
import static org.hl7gw.splitter.Read.msh;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void fullEnvelopeWithTwoBatchesIsValidAndNumbersBatches() {
        Read r = Read.of(cr("FHS|^~\\&|A", "BHS|^~\\&|A", msh("1"), "PID|1", msh("2"), "BTS|2",
                "BHS|^~\\&|A", msh("3"), "BTS|1", "FTS|2"));

        assertThat(r.errors()).isEmpty();
        assertThat(r.report.batches()).isEqualTo(2);
        assertThat(r.report.messages()).isEqualTo(3);
        assertThat(r.messages).extracting(SplitMessage::batch).containsExactly(1, 1, 2);
        assertThat(r.messages).extracting(SplitMessage::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void messagesWithoutAnyEnvelopeAreOneImplicitBatch() {
        Read r = Read.of(cr(msh("1"), "PID|1", msh("2")));
        assertThat(r.errors()).isEmpty();
        assertThat(r.report.batches()).isEqualTo(1);
        assertThat(r.controlIds()).containsExactly("1", "2");
    }

    @Test
    void fileHeaderAndTrailerWithoutBatchHeadersHoldOneImplicitBatch() {
        Read r = Read.of(cr("FHS|^~\\&|A", msh("1"), msh("2"), "FTS|1"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.report.batches()).isEqualTo(1);
    }

    @Test
    void aBatchMayHoldZeroMessages() {
        Read r = Read.of(cr("FHS|^~\\&|A", "BHS|^~\\&|A", "BTS|0", "FTS|1"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.report.messages()).isZero();
        assertThat(r.report.batches()).isEqualTo(1);
    }

    @Test
    void batchHeaderWithoutTrailerIsAnError() {
        Read r = Read.of(cr("BHS|^~\\&|A", msh("1")));
        assertThat(r.errors()).singleElement().asString()
                .isEqualTo("test.hl7: line 1 (offset 0) BHS: BHS has no BTS before the end of the file: truncated, or the batch trailer is missing");
    }

    @Test
    void batchTrailerWithoutHeaderIsAnError() {
        Read r = Read.of(cr(msh("1"), "BTS|1"));
        assertThat(r.errors()).singleElement().asString().contains("line 2").contains("BTS without BHS");
    }

    @Test
    void fileHeaderWithoutTrailerIsAnError() {
        Read r = Read.of(cr("FHS|^~\\&|A", "BHS|^~\\&|A", msh("1"), "BTS|1"));
        assertThat(r.errors()).singleElement().asString().contains("line 1 (offset 0) FHS: FHS has no FTS");
    }

    @Test
    void fileTrailerWithoutHeaderIsAnError() {
        Read r = Read.of(cr("BHS|^~\\&|A", msh("1"), "BTS|1", "FTS|1"));
        assertThat(r.errors()).singleElement().asString().contains("FTS without FHS");
    }

    @Test
    void batchHeaderInsideAnOpenBatchIsAnError() {
        Read r = Read.of(cr("BHS|^~\\&|A", msh("1"), "BHS|^~\\&|A", msh("2"), "BTS|1"));
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("line 3").contains("BHS inside an open batch: the BHS at line 1 has no BTS"));
    }

    @Test
    void secondFileHeaderIsAnError() {
        Read r = Read.of(cr("FHS|^~\\&|A", msh("1"), "FHS|^~\\&|A", msh("2"), "FTS|1"));
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("line 3").contains("second FHS: the file already has one at line 1"));
    }

    @Test
    void anythingAfterTheFileTrailerIsAnError() {
        Read r = Read.of(cr("FHS|^~\\&|A", msh("1"), "FTS|1", msh("2")));
        assertThat(r.errors()).singleElement().asString().contains("line 4").contains("nothing may follow the file trailer");
    }

    @Test
    void blankLinesAfterTheFileTrailerAreTolerated() {
        Read r = Read.of(cr("FHS|^~\\&|A", msh("1"), "FTS|1") + "\r\n  \n\t\n");
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void segmentBeforeTheFirstMessageHeaderIsAnError() {
        Read r = Read.of(cr("PID|1", msh("1")));
        assertThat(r.errors()).singleElement().asString()
                .isEqualTo("test.hl7: line 1 (offset 0) PID: segment before the first MSH: expected FHS, BHS or MSH");
    }

    @Test
    void segmentBetweenBatchesIsAnError() {
        Read r = Read.of(cr("BHS|^~\\&|A", msh("1"), "BTS|1", "PID|1"));
        assertThat(r.errors()).singleElement().asString().contains("line 4").contains("segment outside a message: after BTS (line 3)");
    }

    @Test
    void messagesOutsideBatchesMixedWithBatchesAreAnError() {
        Read r = Read.of(cr(msh("1"), "BHS|^~\\&|A", msh("2"), "BTS|1"));
        assertThat(r.errors()).singleElement().asString().contains("BHS after messages that are outside any batch");
    }

    @Test
    void envelopeMayUseOtherSeparatorsThanTheMessages() {
        Read r = Read.of(cr("FHS#!@%*#A", "BHS#!@%*#A", msh("1"), "PID|1", "BTS#1", "FTS#1"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(cr(msh("1"), "PID|1"));
    }
}
