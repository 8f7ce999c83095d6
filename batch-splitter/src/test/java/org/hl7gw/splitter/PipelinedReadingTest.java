package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Inputs that announce a size of more than a few read buffers (files do) are read and cut into lines on a
 * second thread while the caller's thread parses. The result must be exactly the one of reading on one
 * thread, for every shape of input, and the second thread must never outlive the read.
 */
class PipelinedReadingTest {
    private static final String READER_THREAD = "hl7gw-read big.hl7";

    @Test
    void messagesAndReportAreTheSameAsWhenReadOnOneThread() throws IOException {
        byte[] input = bigInput(false);
        Outcome single = read(new SizeHidingStream(new ChunkedInputStream(input, 65536)));
        Outcome pipelined = read(new SizeTellingStream(new ChunkedInputStream(input, 65536), input.length));

        assertThat(pipelined.sawReaderThread).as("the pipelined path ran").isTrue();
        assertThat(single.sawReaderThread).as("the single-thread path ran").isFalse();
        assertThat(single.report.valid()).as(single.report.errorText()).isTrue();
        assertThat(single.report.messages()).isGreaterThan(10_000);
        assertThat(single.report.bytes()).isEqualTo(input.length);
        assertSame(single, pipelined);
    }

    @Test
    void oddReadSizesGiveTheSameResult() throws IOException {
        byte[] input = bigInput(false);
        Outcome single = read(new SizeHidingStream(new ChunkedInputStream(input, 65536)));
        for (int every : new int[] {1000, 4099, 65535}) {
            Outcome pipelined = read(new SizeTellingStream(new ChunkedInputStream(input, every), input.length));
            assertThat(pipelined.sawReaderThread).isTrue();
            assertSame(single, pipelined);
        }
    }

    @Test
    void errorsLateInTheFileNameTheSameLinesAndOffsets() throws IOException {
        byte[] input = bigInput(true);
        Outcome single = read(new SizeHidingStream(new ChunkedInputStream(input, 65536)));
        Outcome pipelined = read(new SizeTellingStream(new ChunkedInputStream(input, 65536), input.length));

        assertThat(single.report.valid()).isFalse();
        assertThat(single.report.errorText())
                .contains("line is not a segment")
                .contains("BTS-1 claims 999 messages")
                .contains("binary data: byte 0x00");
        assertSame(single, pipelined);
        assertThat(pipelined.sawReaderThread).isTrue();
    }

    @Test
    void aFailingSinkStopsTheReaderThreadAndTheInputIsNotReadAfterwards() {
        byte[] input = bigInput(false);
        AtomicBoolean returned = new AtomicBoolean();
        AtomicBoolean readAfterReturn = new AtomicBoolean();
        InputStream in = new SizeTellingStream(new ChunkedInputStream(input, 65536), input.length) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (returned.get()) {
                    readAfterReturn.set(true);
                }
                return super.read(b, off, len);
            }
        };
        AtomicInteger seen = new AtomicInteger();
        assertThatThrownBy(() -> new BatchReader(SplitterSettings.defaults()).split(in, "big.hl7", m -> {
            if (seen.incrementAndGet() == 100) {
                throw new IllegalStateException("ledger is full");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("ledger is full");
        returned.set(true);

        assertThat(readerThreadAlive()).isFalse();
        assertThat(readAfterReturn).isFalse();
    }

    @Test
    void aFailingInputIsReportedToTheCallerAfterTheLinesBeforeIt() {
        byte[] input = bigInput(false);
        int failAt = input.length / 2;
        InputStream in = new SizeTellingStream(new ChunkedInputStream(input, 65536, failAt), input.length) {
            private long position;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= failAt) {
                    throw new IOException("connection reset by partner");
                }
                int n = super.read(b, off, len);
                position += Math.max(n, 0);
                return n;
            }
        };
        List<SplitMessage> got = new ArrayList<>();
        assertThatThrownBy(() -> new BatchReader(SplitterSettings.defaults()).split(in, "big.hl7", got::add))
                .isInstanceOf(IOException.class).hasMessage("connection reset by partner");
        assertThat(got).isNotEmpty();
        assertThat(got.get(got.size() - 1).offset()).isLessThan(failAt);
        assertThat(readerThreadAlive()).isFalse();
    }

    // ------------------------------------------------------------------ input

    /**
     * About 8 MB: more than the pipeline holds at once (so its reading thread must wait for the parser), with
     * every shape the reader handles, repeated so that lines and messages fall across reads and chunks at many
     * places.
     */
    private static byte[] bigInput(boolean withErrors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "FHS|^~\\&|LAB|ACME\r\n");
        int batches = 0;
        int seq = 0;
        while (out.size() < 8_000_000) {
            batches++;
            write(out, "BHS|^~\\&|LAB|ACME||||||B" + batches + "\r");
            int inBatch = 0;
            for (int k = 0; k < 40; k++) {
                seq++;
                inBatch++;
                String id = "C" + seq;
                switch (seq % 7) {
                    case 0 -> write(out, Read.msh(id) + "\nPID|1||" + id + "^^^ACME\nOBX|1|TX|N||first line\nsecond line\r\n\r\nthird||||||F\nNTE|1|x\n");
                    case 1 -> write(out, Read.msh(id) + "\r\nPID|1||" + id + "\r\nOBX|1|NM|G||" + seq + "|mg||||F\r\n");
                    case 2 -> {
                        out.write(0x0B);
                        write(out, Read.msh(id) + "\rPID|1||" + id + "\rOBX|1|ST|S||caf\u00e9\tau lait||||||F\r");
                        out.write(0x1C);
                        write(out, "\r\n");
                    }
                    case 3 -> write(out, Read.msh(id) + "\rPID|1||" + id + "\r" + "NTE|1||" + "x".repeat(3000 + seq % 500) + "\r");
                    case 4 -> write(out, Read.msh(id) + "\rPID|1||" + id + "\r\r  \r" + "OBX|1|NM|G||1||||||F\r");
                    default -> write(out, Read.msh(id) + "\rPID|1||" + id + "\rPV1|1|I\rOBX|1|NM|G||" + seq + "|mg||||F\r");
                }
                if (withErrors && batches == 60 && k == 5) {
                    write(out, "this is not a segment\r");
                }
            }
            write(out, "BTS|" + (withErrors && batches == 70 ? 999 : inBatch) + "\r");
        }
        if (withErrors) {
            write(out, Read.msh("LAST") + "\rPID|1|");
            out.write(0x00);
            write(out, "\r");
        }
        write(out, "FTS|" + batches + "\r\n\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ------------------------------------------------------------------ reading

    private static final class Outcome {
        final BatchReport report;
        final List<SplitMessage> messages;
        final boolean sawReaderThread;

        Outcome(BatchReport report, List<SplitMessage> messages, boolean sawReaderThread) {
            this.report = report;
            this.messages = messages;
            this.sawReaderThread = sawReaderThread;
        }
    }

    private static Outcome read(InputStream in) throws IOException {
        List<SplitMessage> out = new ArrayList<>();
        boolean[] saw = {false};
        Thread caller = Thread.currentThread();
        BatchReport report = new BatchReader(SplitterSettings.defaults()).split(in, "big.hl7", m -> {
            assertThat(Thread.currentThread()).as("the sink runs on the caller's thread").isSameAs(caller);
            if (out.size() == 50) {
                saw[0] = readerThreadAlive();
            }
            out.add(m);
        });
        assertThat(readerThreadAlive()).as("no reader thread after the read").isFalse();
        return new Outcome(report, out, saw[0]);
    }

    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(READER_THREAD) && t.isAlive());
    }

    private static void assertSame(Outcome expected, Outcome actual) {
        assertThat(actual.report).isEqualTo(expected.report);
        assertThat(actual.messages).hasSameSizeAs(expected.messages);
        for (int i = 0; i < expected.messages.size(); i++) {
            SplitMessage e = expected.messages.get(i);
            SplitMessage a = actual.messages.get(i);
            assertThat(a.bytes()).as("message " + i).isEqualTo(e.bytes());
            assertThat(List.of(a.seq(), a.batch(), a.line(), a.offset(), a.header()))
                    .as("message " + i).isEqualTo(List.of(e.seq(), e.batch(), e.line(), e.offset(), e.header()));
        }
    }

    /** A stream that says how much is left, as a file does. */
    private static class SizeTellingStream extends InputStream {
        private final InputStream in;
        private long left;

        SizeTellingStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            left -= b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            left -= Math.max(n, 0);
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, left);
        }
    }

    /** A stream that cannot tell its size, as a decrypting one. */
    private static final class SizeHidingStream extends SizeTellingStream {
        SizeHidingStream(InputStream in) {
            super(in, 0);
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
