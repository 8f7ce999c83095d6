package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.msh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SegmentTerminatorTest {

    @ParameterizedTest(name = "terminator {0}")
    @ValueSource(strings = {"\r", "\n", "\r\n"})
    void everyTerminatorComesOutAsCarriageReturn(String t) {
        String file = "FHS|^~\\&|A" + t + "BHS|^~\\&|A" + t + msh("1") + t + "PID|1||X" + t + msh("2") + t + "PID|1||Y" + t
                + "BTS|2" + t + "FTS|1" + t;
        Read r = Read.of(file);

        assertThat(r.errors()).isEmpty();
        assertThat(r.controlIds()).containsExactly("1", "2");
        assertThat(r.message(0)).isEqualTo(msh("1") + "\rPID|1||X\r");
        assertThat(r.message(1)).isEqualTo(msh("2") + "\rPID|1||Y\r");
    }

    @Test
    void mixedTerminatorsInOneFileAreAccepted() {
        String file = msh("1") + "\r\nPID|1\nPV1|1\r" + msh("2") + "\nPID|2\r\n";
        Read r = Read.of(file);

        assertThat(r.errors()).isEmpty();
        assertThat(r.message(0)).isEqualTo(msh("1") + "\rPID|1\rPV1|1\r");
        assertThat(r.message(1)).isEqualTo(msh("2") + "\rPID|2\r");
    }

    @Test
    void lastSegmentWithoutTerminatorGetsOne() {
        Read r = Read.of(msh("1") + "\nPID|1");
        assertThat(r.message(0)).isEqualTo(msh("1") + "\rPID|1\r");
    }

    @Test
    void bytesOutsideAsciiAreKeptExactlyWhateverTheirCharset() {
        byte[] latin1 = "PID|1||M\u00fcller^Jos\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "PID|1||M\u00fcller^Jos\u00e9".getBytes(StandardCharsets.UTF_8);
        for (byte[] pid : new byte[][] {latin1, utf8}) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes((msh("1") + "\n").getBytes(StandardCharsets.US_ASCII));
            file.writeBytes(pid);
            file.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));

            Read r = Read.of(file.toByteArray());

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes((msh("1") + "\r").getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes(pid);
            expected.writeBytes(new byte[] {'\r'});
            assertThat(r.messages.get(0).bytes()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void trailingWhitespaceOfASegmentIsData() {
        Read r = Read.of(msh("1") + "\nNTE|1||note  \n");
        assertThat(r.message(0)).isEqualTo(msh("1") + "\rNTE|1||note  \r");
    }
}
