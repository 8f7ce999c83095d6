package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming reader gives the same result wherever the reads of its input end. */
class ReadBoundaryTest {

    static Stream<Arguments> inputs() {
        return Stream.of(
                Arguments.of("CRLF envelope with BOM", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        "FHS|^~\\&|A\r\nBHS|^~\\&|A\r\n" + Read.msh("1") + "\r\nPID|1||x\r\n" + Read.msh("2") + "\r\nBTS|2\r\nFTS|1\r\n\r\n")),
                Arguments.of("MLLP framed messages", bytes(new byte[] {0x0B}, Read.msh("1") + "\rPID|1\r", new byte[] {0x1C, 0x0D, 0x0B},
                        Read.msh("2") + "\rOBX|1|TX|N||a\r", new byte[] {0x1C, 0x0D, 0x0A})),
                Arguments.of("OBX text with line feeds", bytes(Read.msh("1") + "\nOBX|1|TX|N||one\ntwo\r\n\nthree||||||F\nNTE|1\n \n")),
                Arguments.of("count mismatch and bad line", bytes("BHS|^~\\&|A\r" + Read.msh("1") + "\rPV|1\r\n" + "BTS|3\r")),
                Arguments.of("stray start-of-block", bytes(Read.msh("1") + "\r", new byte[] {0x0B}, "\r\r\n")),
                Arguments.of("binary", bytes(Read.msh("1") + "\rPID|", new byte[] {0x00}, "\r")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void resultIsTheSameForEveryPlaceWhereAReadEnds(String name, byte[] input) {
        Read whole = Read.of(input);
        for (int cut = 0; cut <= input.length; cut++) {
            Read split = Read.of(new ChunkedInputStream(input, Integer.MAX_VALUE, cut), SplitterSettings.defaults());
            assertSame(whole, split, "cut at " + cut);
        }
        for (int every = 1; every <= 9; every++) {
            Read small = Read.of(new ChunkedInputStream(input, every), SplitterSettings.defaults());
            assertSame(whole, small, "reads of " + every + " bytes");
        }
    }

    private static void assertSame(Read expected, Read actual, String how) {
        assertThat(actual.report).as(how).isEqualTo(expected.report);
        assertThat(actual.messages).as(how).hasSameSizeAs(expected.messages);
        for (int i = 0; i < expected.messages.size(); i++) {
            SplitMessage e = expected.messages.get(i);
            SplitMessage a = actual.messages.get(i);
            assertThat(a.bytes()).as(how + ", message " + i).isEqualTo(e.bytes());
            assertThat(List.of(a.seq(), a.batch(), a.line(), a.offset(), a.header()))
                    .as(how).isEqualTo(List.of(e.seq(), e.batch(), e.line(), e.offset(), e.header()));
        }
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : (byte[]) p);
        }
        return out.toByteArray();
    }
}
