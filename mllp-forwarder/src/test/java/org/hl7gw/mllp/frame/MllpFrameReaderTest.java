package org.hl7gw.mllp.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MllpFrameReaderTest {
    private static final String ACK1 = "MSH|^~\\&|A|B|C|D|20240101||ACK|1|P|2.5\rMSA|AA|MSG1\r";
    private static final String ACK2 = "MSH|^~\\&|A|B|C|D|20240101||ACK|2|P|2.5\rMSA|AE|MSG2|try later\r";

    private static byte[] framed(String... contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String c : contents) {
            out.write(0x0B);
            out.writeBytes(c.getBytes(StandardCharsets.US_ASCII));
            out.write(0x1C);
            out.write(0x0D);
        }
        return out.toByteArray();
    }

    private static MllpFrameReader reader(InputStream in) {
        return new MllpFrameReader(in, 1024, EndOfData.REQUIRED);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Returns the data in the given chunk sizes, like a socket delivering segments. */
    private static final class ChunkedStream extends InputStream {
        private final byte[] data;
        private final int[] cuts;
        private int position;
        private int cut;

        ChunkedStream(byte[] data, int... cuts) {
            this.data = data;
            this.cuts = cuts;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= data.length) {
                return -1;
            }
            int end = cut < cuts.length ? cuts[cut++] : data.length;
            end = Math.max(end, position + 1);
            int n = Math.min(len, Math.min(end, data.length) - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }

    @Test
    void readsConsecutiveFramesAndReportsTheEndOfTheStream() throws IOException {
        MllpFrameReader r = reader(new ByteArrayInputStream(framed(ACK1, ACK2)));
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
        assertThat(text(r.readFrame())).isEqualTo(ACK2);
        assertThatThrownBy(r::readFrame).isInstanceOf(ConnectionClosedException.class).hasMessageContaining("between frames");
    }

    static IntStream everyBoundary() {
        return IntStream.range(1, framed(ACK1, ACK2).length);
    }

    @ParameterizedTest(name = "split at byte {0}")
    @MethodSource("everyBoundary")
    void inputSplitAtAnyByteBoundaryGivesTheSameFrames(int split) throws IOException {
        MllpFrameReader r = reader(new ChunkedStream(framed(ACK1, ACK2), split));
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
        assertThat(text(r.readFrame())).isEqualTo(ACK2);
    }

    @ParameterizedTest(name = "split at byte {0}")
    @MethodSource("everyBoundary")
    void inputSplitAtAnyByteBoundaryGivesTheSameFramesWhenEndOfDataIsOptional(int split) throws IOException {
        MllpFrameReader r = new MllpFrameReader(new ChunkedStream(framed(ACK1, ACK2), split), 1024, EndOfData.OPTIONAL);
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
        assertThat(text(r.readFrame())).isEqualTo(ACK2);
    }

    @Test
    void oneByteAtATimeGivesTheSameFrames() throws IOException {
        byte[] data = framed(ACK1, ACK2);
        int[] cuts = IntStream.rangeClosed(1, data.length).toArray();
        MllpFrameReader r = reader(new ChunkedStream(data, cuts));
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
        assertThat(text(r.readFrame())).isEqualTo(ACK2);
    }

    @Test
    void anEmptyFrameIsAFrame() throws IOException {
        MllpFrameReader r = reader(new ByteArrayInputStream(framed("", ACK1)));
        assertThat(r.readFrame()).isEmpty();
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
    }

    @Test
    void aFrameLongerThanTheMaximumFailsAndTheNextFrameIsStillRead() throws IOException {
        String big = "X".repeat(5000);
        MllpFrameReader r = new MllpFrameReader(new ByteArrayInputStream(framed(big, ACK1)), 1000, EndOfData.REQUIRED);
        assertThatThrownBy(r::readFrame).isInstanceOf(FrameTooLongException.class).hasMessageContaining("1000");
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
    }

    @Test
    void aPeerThatNeverEndsAFrameCannotGrowTheBufferPastTheMaximum() {
        int max = 64 * 1024;
        int[] served = {0};
        InputStream endless = new InputStream() {
            private boolean started;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, 4096);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) 'A';
                }
                if (!started) {
                    b[off] = 0x0B;
                    started = true;
                }
                served[0] += n;
                return n;
            }
        };
        MllpFrameReader r = new MllpFrameReader(endless, max, EndOfData.REQUIRED);
        assertThatThrownBy(r::readFrame).isInstanceOf(FrameTooLongException.class);
        assertThat(served[0]).isLessThanOrEqualTo(max + 8192);
    }

    @Test
    void bytesOutsideAFrameAreCorruptAndReadingResumesAtTheNextStartOfBlock() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("GARBAGE".getBytes(StandardCharsets.US_ASCII));
        data.writeBytes(framed(ACK1));
        MllpFrameReader r = reader(new ByteArrayInputStream(data.toByteArray()));
        assertThatThrownBy(r::readFrame).isInstanceOf(CorruptFrameException.class)
                .hasMessage("expected START_OF_BLOCK (0x0B) in state BETWEEN_FRAMES, got 0x47");
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
    }

    @Test
    void endOfBlockNotFollowedByEndOfDataIsCorruptWhenEndOfDataIsRequired() throws IOException {
        byte[] data = ("\u000B" + ACK1 + "\u001C" + "\u000B" + ACK2 + "\u001C\r").getBytes(StandardCharsets.US_ASCII);
        MllpFrameReader r = reader(new ByteArrayInputStream(data));
        assertThatThrownBy(r::readFrame).isInstanceOf(CorruptFrameException.class)
                .hasMessageStartingWith("expected END_OF_DATA (0x0D) in state AFTER_END_OF_BLOCK, got 0x0B");
        assertThat(text(r.readFrame())).as("the START_OF_BLOCK after the bad trailer starts the next frame").isEqualTo(ACK2);
    }

    @Test
    void aFrameWithoutEndOfDataIsReturnedAtOnceWhenEndOfDataIsOptional() throws IOException {
        byte[] first = ("\u000B" + ACK1 + "\u001C").getBytes(StandardCharsets.US_ASCII);
        InputStream stalls = new InputStream() {
            private int position;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= first.length) {
                    throw new AssertionError("read past END_OF_BLOCK: the reader waited for a CR that never comes");
                }
                int n = Math.min(len, first.length - position);
                System.arraycopy(first, position, b, off, n);
                position += n;
                return n;
            }
        };
        MllpFrameReader r = new MllpFrameReader(stalls, 1024, EndOfData.OPTIONAL);
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
    }

    @Test
    void framesWithAndWithoutEndOfDataMixWhenEndOfDataIsOptional() throws IOException {
        byte[] data = ("\u000B" + ACK1 + "\u001C" + "\u000B" + ACK2 + "\u001C\r" + "\u000B" + ACK1 + "\u001C").getBytes(StandardCharsets.US_ASCII);
        MllpFrameReader r = new MllpFrameReader(new ByteArrayInputStream(data), 1024, EndOfData.OPTIONAL);
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            frames.add(text(r.readFrame()));
        }
        assertThat(frames).containsExactly(ACK1, ACK2, ACK1);
    }

    @Test
    void startOfBlockInsideAFrameDropsTheUnfinishedFrame() throws IOException {
        byte[] data = ("\u000BMSH|half" + "\u000B" + ACK1 + "\u001C\r").getBytes(StandardCharsets.US_ASCII);
        MllpFrameReader r = reader(new ByteArrayInputStream(data));
        assertThatThrownBy(r::readFrame).isInstanceOf(CorruptFrameException.class)
                .hasMessageContaining("in state IN_FRAME").hasMessageContaining("after 8 bytes");
        assertThat(text(r.readFrame())).isEqualTo(ACK1);
    }

    @Test
    void endOfStreamInsideAFrameIsAClosedConnectionWithTheByteCount() {
        byte[] data = ("\u000B" + "MSH|^~\\&|A").getBytes(StandardCharsets.US_ASCII);
        MllpFrameReader r = reader(new ByteArrayInputStream(data));
        assertThatThrownBy(r::readFrame).isInstanceOfSatisfying(ConnectionClosedException.class,
                e -> assertThat(e.bytesInFrame()).isEqualTo(10)).hasMessageContaining("inside a frame");
    }

    @Test
    void endOfStreamBetweenEndOfBlockAndEndOfDataIsAClosedConnection() {
        byte[] data = ("\u000B" + ACK1 + "\u001C").getBytes(StandardCharsets.US_ASCII);
        MllpFrameReader r = reader(new ByteArrayInputStream(data));
        assertThatThrownBy(r::readFrame).isInstanceOf(ConnectionClosedException.class).hasMessageContaining("before END_OF_DATA");
    }

    @Test
    void errorMessagesNeverContainFrameContent() {
        byte[] data = ("\u000BPID|1||SECRET-NAME\u001CX").getBytes(StandardCharsets.US_ASCII);
        MllpFrameReader r = new MllpFrameReader(new ByteArrayInputStream(data), 1024, EndOfData.REQUIRED);
        assertThatThrownBy(r::readFrame).isInstanceOf(CorruptFrameException.class).message().doesNotContain("SECRET");
        MllpFrameReader small = new MllpFrameReader(new ByteArrayInputStream(data), 4, EndOfData.REQUIRED);
        assertThatThrownBy(small::readFrame).isInstanceOf(FrameTooLongException.class).message().doesNotContain("SECRET");
    }
}
