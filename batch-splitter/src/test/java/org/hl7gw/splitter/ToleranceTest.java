package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.cr;
import static org.hl7gw.splitter.Read.msh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToleranceTest {

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    @Test
    void utf8ByteOrderMarkAtTheStartIsSkipped() {
        Read r = Read.of(bytes(0xEF, 0xBB, 0xBF, cr(msh("1"), "PID|1")));
        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(cr(msh("1"), "PID|1"));
        assertThat(r.messages.get(0).offset()).isEqualTo(3);
    }

    @Test
    void byteOrderMarkElsewhereIsAnError() {
        Read r = Read.of(bytes(cr(msh("1")), 0xEF, 0xBB, 0xBF, cr(msh("2"))));
        assertThat(r.report.valid()).isFalse();
    }

    @Test
    void trailingBlankLinesAndWhitespaceAreTolerated() {
        Read r = Read.of(cr(msh("1"), "PID|1") + "\n\n   \r\n\t\n ");
        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(cr(msh("1"), "PID|1"));
    }

    @Test
    void blankLinesBetweenSegmentsAreSkipped() {
        Read r = Read.of(msh("1") + "\r\nNK1|1\r\n\r\nPV1|1\r\n\r\n" + msh("2") + "\r\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(cr(msh("1"), "NK1|1", "PV1|1"));
        assertThat(r.messages).hasSize(2);
    }

    @Test
    void mllpFramingAroundEachMessageIsTolerated() {
        Read r = Read.of(bytes(0x0B, cr(msh("1"), "PID|1"), 0x1C, 0x0D, 0x0B, cr(msh("2"), "PID|2"), 0x1C, 0x0D));
        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(cr(msh("1"), "PID|1"));
        assertThat(r.message(1)).isEqualTo(cr(msh("2"), "PID|2"));
    }

    @Test
    void mllpFramingAroundTheWholeFileIsTolerated() {
        Read r = Read.of(bytes(0x0B, cr("FHS|^~\\&|A", msh("1"), msh("2"), "FTS|1"), 0x1C, 0x0D, "\n"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.messages).hasSize(2);
    }

    @Test
    void endOfBlockRightAfterTheLastSegmentIsTolerated() {
        Read r = Read.of(bytes(0x0B, msh("1"), "\rPID|1", 0x1C, 0x0D));
        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(cr(msh("1"), "PID|1"));
    }

    @Test
    void aStrayStartOfBlockAtTheEndIsOnlyAWarning() {
        Read r = Read.of(bytes(cr(msh("1")), 0x0B, "\r\n"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("stray MLLP start-of-block");
    }

    @Test
    void anMllpBlockThatIsNeverClosedMeansATruncatedFile() {
        Read r = Read.of(bytes(0x0B, cr(msh("1"), "PID|1")));
        assertThat(r.errors()).singleElement().asString().contains("line 1 (offset 0)").contains("not closed by 0x1C 0x0D").contains("truncated");
    }

    @Test
    void endOfBlockWithoutStartIsAnError() {
        Read r = Read.of(bytes(cr(msh("1")), 0x1C, 0x0D));
        assertThat(r.errors()).singleElement().asString().contains("0x1C without a start-of-block");
    }

    @Test
    void binaryDataIsAnErrorThatNamesTheByteAndItsOffset() {
        Read r = Read.of(bytes(cr(msh("1")), "PID|1|", 0x00, 0x01, "\r"));
        assertThat(r.errors()).singleElement().asString().contains("line 2").contains("byte 0x00").contains("at offset " + (msh("1").length() + 1 + 6));
    }

    @Test
    void anEmptyFileIsAnError() {
        assertThat(Read.of("").errors()).containsExactly("test.hl7: empty file: no segments found");
    }

    @Test
    void aFileOfBlankLinesIsEmpty() {
        assertThat(Read.of(bytes(0xEF, 0xBB, 0xBF, "\r\n  \n")).errors()).containsExactly("test.hl7: empty file: no segments found");
    }

    @Test
    void aLineThatIsNotASegmentIsAnError() {
        Read r = Read.of(cr(msh("1"), "PV|1|I"));
        assertThat(r.errors()).singleElement().asString()
                .contains("line 2").contains("line is not a segment").contains("a segment ID of 2 characters");
    }

    @Test
    void lowerCaseSegmentIdsAreNotSegments() {
        Read r = Read.of(cr(msh("1"), "pid|1"));
        assertThat(r.report.valid()).isFalse();
    }

    @Test
    void segmentWithOnlyItsIdIsASegment() {
        Read r = Read.of(cr(msh("1"), "ZZ1"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(cr(msh("1"), "ZZ1"));
    }
}
