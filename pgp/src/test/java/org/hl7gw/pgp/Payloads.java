package org.hl7gw.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.hl7gw.core.Sha256;
import org.hl7gw.testkit.Corpus;

/** Plaintexts for the tests: a real corpus batch file and seeded binary-ish bytes. */
final class Payloads {
    private Payloads() {
    }

    /** A real HL7 batch file (FHS/BHS/MSH.../BTS/FTS) from the corpus. */
    static Path corpusBatch() {
        return Corpus.locate().file("batch/reportstream__sample-batch-pdi-20210608-0001.hl7");
    }

    static byte[] corpusBatchBytes() {
        try {
            return Files.readAllBytes(corpusBatch());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Seeded bytes full of what breaks careless code: CR, LF, CRLF, NUL, ISO-8859-1 letters (0xC0-0xFF),
     * 0x0B/0x1C (MLLP framing bytes) and HL7-looking text.
     */
    static byte[] binaryish(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] b = new byte[size];
        byte[] specials = {'\r', '\n', 0, 0x0B, 0x1C, (byte) 0xE9, (byte) 0xFC, (byte) 0xC4, (byte) 0xFF, '|', '^'};
        for (int i = 0; i < size; i++) {
            int r = random.nextInt(100);
            if (r < 15) {
                b[i] = specials[random.nextInt(specials.length)];
            } else if (r < 25) {
                b[i] = (byte) random.nextInt(256);
            } else {
                b[i] = (byte) ('A' + random.nextInt(26));
            }
        }
        return b;
    }

    private static final byte[][] SEGMENTS = {
            "MSH|^~\\&|LAB|PARTNER LAB|GW|GENERAL HOSPITAL|2024##########||ORU^R01^ORU_R01|MSG########|P|2.5.1\r".getBytes(),
            "PID|1||#######^^^GENHOSP^MR||DOE^JOHN^A||19##0101|M|||#### MAIN ST^^SPRINGFIELD^IL^62701\r".getBytes(),
            "OBR|1|ORD#######|FIL#######|24323-8^Comprehensive metabolic panel^LN|||2024##########|||F\r".getBytes(),
            "OBX|##|NM|2345-7^Glucose^LN||###.#|mg/dL|70-99|N|||F|||2024##########\r".getBytes(),
            "OBX|##|NM|2951-2^Sodium^LN||###|mmol/L|136-145|N|||F\r".getBytes()};

    /**
     * Writes {@code size} bytes of seeded HL7-like segments (CR-terminated, each {@code #} a random digit)
     * to {@code out} without holding them; they compress like real batches, several to one.
     */
    static void hl7Lines(long seed, long size, OutputStream out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] line = new byte[256];
        long written = 0;
        while (written < size) {
            byte[] template = SEGMENTS[random.nextInt(SEGMENTS.length)];
            for (int i = 0; i < template.length; i++) {
                line[i] = template[i] == '#' ? (byte) ('0' + random.nextInt(10)) : template[i];
            }
            int take = (int) Math.min(template.length, size - written);
            out.write(line, 0, take);
            written += take;
        }
    }

    /** SHA-256 of a stream, read to its end. */
    static Sha256 sha256(InputStream in) throws IOException {
        MessageDigest d = Sha256.newDigest();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            d.update(buf, 0, n);
        }
        return new Sha256(HexFormat.of().formatHex(d.digest()));
    }
}
