package org.hl7gw.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes seeded, synthetic HL7 v2.5.1 batch files (FHS, BHS, ORU^R01 messages, BTS, FTS) of any size,
 * streaming, for tests and benchmarks. The same seed gives the same bytes. Content is made up: no real
 * patient is in it.
 */
public final class BatchFileGenerator {
    private final long seed;
    private int messageSize = 1300;
    private String terminator = "\r";
    private int batches = 1;
    private boolean envelope = true;
    private String controlIdPrefix = "MSG";

    public BatchFileGenerator(long seed) {
        this.seed = seed;
    }

    /** Approximate bytes per message (at least 300); default 1300. */
    public BatchFileGenerator messageSize(int bytes) {
        this.messageSize = Math.max(300, bytes);
        return this;
    }

    /** Segment terminator: "\r" (default), "\n" or "\r\n". */
    public BatchFileGenerator terminator(String t) {
        this.terminator = t;
        return this;
    }

    /** Messages are spread over this many BHS/BTS batches (default 1). */
    public BatchFileGenerator batches(int n) {
        this.batches = Math.max(1, n);
        return this;
    }

    /** Without FHS/BHS/BTS/FTS: messages only. */
    public BatchFileGenerator withoutEnvelope() {
        this.envelope = false;
        return this;
    }

    /** Control IDs are PREFIX + 9-digit sequence (default MSG). */
    public BatchFileGenerator controlIdPrefix(String prefix) {
        this.controlIdPrefix = prefix;
        return this;
    }

    public static String controlId(String prefix, long seq) {
        return String.format("%s%09d", prefix, seq);
    }

    /** Writes a file of {@code messages} messages and returns its size. */
    public long write(Path file, long messages) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(out, messages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes until at least {@code bytes} bytes were written; returns the number of messages. */
    public long writeAtLeast(Path file, long bytes) {
        long perMessage = messageSize;
        return write(file, Math.max(1, bytes / perMessage + 1)) >= 0 ? Math.max(1, bytes / perMessage + 1) : 0;
    }

    public long write(OutputStream out, long messages) throws IOException {
        Random random = new Random(seed);
        Counting c = new Counting(out);
        String t = terminator;
        if (envelope) {
            c.line("FHS|^~\\&|LABSYS|ACME LAB|GATEWAY|HOSPITAL|20261122020000||batch-" + seed + ".hl7", t);
        }
        long seq = 0;
        for (int b = 1; b <= batches; b++) {
            long inBatch = messages / batches + (b <= messages % batches ? 1 : 0);
            if (envelope) {
                c.line("BHS|^~\\&|LABSYS|ACME LAB|GATEWAY|HOSPITAL|20261122020000||||BATCH" + b, t);
            }
            for (long i = 0; i < inBatch; i++) {
                seq++;
                writeMessage(c, random, controlId(controlIdPrefix, seq), t);
            }
            if (envelope) {
                c.line("BTS|" + inBatch, t);
            }
        }
        if (envelope) {
            c.line("FTS|" + batches, t);
        }
        c.flush();
        return c.count;
    }

    private static final String[] TESTS = {"718-7^Hemoglobin^LN", "4544-3^Hematocrit^LN", "6690-2^Leukocytes^LN",
        "777-3^Platelets^LN", "2345-7^Glucose^LN", "2160-0^Creatinine^LN", "17861-6^Calcium^LN", "2951-2^Sodium^LN"};
    private static final String[] NAMES = {"DOE^JANE", "ROE^RICHARD", "POE^EDGAR", "SMITH^ALEX", "MUSTERMANN^ERIKA", "GARCIA^JOSÉ"};

    private void writeMessage(Counting c, Random r, String controlId, String t) throws IOException {
        long start = c.count;
        c.line("MSH|^~\\&|LABSYS|ACME LAB|GATEWAY|HOSPITAL|20261122020000||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1|||AL|NE", t);
        c.line("PID|1||" + (100000 + r.nextInt(900000)) + "^^^ACME^MR||" + NAMES[r.nextInt(NAMES.length)] + "||19"
                + (40 + r.nextInt(60)) + "0101|" + (r.nextBoolean() ? "F" : "M") + "|||1 MAIN ST^^SPRINGFIELD^IL^62701", t);
        c.line("OBR|1|" + controlId + "^LAB||CBC^Complete blood count^L|||20261121080000", t);
        int obx = 1;
        while (c.count - start < messageSize - 120) {
            String test = TESTS[r.nextInt(TESTS.length)];
            c.line("OBX|" + obx++ + "|NM|" + test + "||" + (r.nextInt(9000) / 100.0) + "|g/dL|10-20|N|||F|||20261121090000", t);
        }
        c.line("NTE|1||Synthetic result " + Long.toHexString(r.nextLong()), t);
    }

    private static final class Counting {
        private final OutputStream out;
        long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        void line(String s, String terminator) throws IOException {
            byte[] b = (s + terminator).getBytes(StandardCharsets.UTF_8);
            out.write(b);
            count += b.length;
        }

        void flush() throws IOException {
            out.flush();
        }
    }
}
