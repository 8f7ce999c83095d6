package org.hl7gw.mllp.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MllpFrameWriterTest {

    /** Records each write call and flush. */
    private static final class RecordingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        int flushes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void aMessageGoesOutAsOneFramedWriteAndIsFlushed() throws IOException {
        RecordingStream out = new RecordingStream();
        byte[] message = "MSH|^~\\&|A\rPID|1\r".getBytes(StandardCharsets.US_ASCII);
        new MllpFrameWriter(out).write(message);
        assertThat(out.writes).isEqualTo(1);
        assertThat(out.flushes).isEqualTo(1);
        byte[] expected = new byte[message.length + 3];
        expected[0] = 0x0B;
        System.arraycopy(message, 0, expected, 1, message.length);
        expected[message.length + 1] = 0x1C;
        expected[message.length + 2] = 0x0D;
        assertThat(out.bytes.toByteArray()).isEqualTo(expected);
    }

    @Test
    void largeMessagesAreFramedWithoutCopyingAndReadBackIdentically() throws IOException {
        RecordingStream out = new RecordingStream();
        byte[] message = new byte[MllpFrameWriter.COALESCE_LIMIT * 3];
        Arrays.fill(message, (byte) 'Z');
        MllpFrameWriter writer = new MllpFrameWriter(out);
        writer.write(message);
        writer.write("MSH|small".getBytes(StandardCharsets.US_ASCII));
        MllpFrameReader reader = new MllpFrameReader(new ByteArrayInputStream(out.bytes.toByteArray()), message.length, EndOfData.REQUIRED);
        assertThat(reader.readFrame()).isEqualTo(message);
        assertThat(new String(reader.readFrame(), StandardCharsets.US_ASCII)).isEqualTo("MSH|small");
    }

    @Test
    void aMessageContainingAFramingByteIsRefusedAndNothingIsWritten() {
        RecordingStream out = new RecordingStream();
        byte[] message = "MSH|^~\\&|A\rPID|1|\u001C\r".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new MllpFrameWriter(out).write(message)).isInstanceOfSatisfying(UnframeableMessageException.class,
                e -> assertThat(e.offset()).isEqualTo(17)).hasMessageContaining("0x1C");
        assertThat(out.writes).isZero();
    }

    @Test
    void findsTheFirstFramingByteAtEveryOffsetAndNoneInOrdinaryText() {
        java.util.Random random = new java.util.Random(3);
        for (int length = 0; length < 40; length++) {
            byte[] text = new byte[length];
            for (int i = 0; i < length; i++) {
                text[i] = (byte) (0x20 + random.nextInt(0x5F)); // printable ASCII
                if (random.nextInt(10) == 0) {
                    text[i] = 0x0D;
                }
            }
            assertThat(MllpFrameWriter.indexOfFramingByte(text)).isEqualTo(-1);
            for (int at = 0; at < length; at++) {
                for (byte framing : new byte[] {0x0B, 0x1C}) {
                    byte[] bad = text.clone();
                    bad[at] = framing;
                    if (at + 1 < length) {
                        bad[length - 1] = (byte) (0x0B + 0x1C - framing);
                    }
                    assertThat(MllpFrameWriter.indexOfFramingByte(bad)).as("length %d, at %d", length, at).isEqualTo(at);
                }
            }
        }
    }
}
