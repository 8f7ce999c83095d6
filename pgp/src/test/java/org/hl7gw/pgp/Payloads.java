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

    /** Writes {@code size} bytes of seeded HL7-like text lines to {@code out} without holding them. */
    static void hl7Lines(long seed, long size, OutputStream out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] line = new byte[256];
        long written = 0;
        while (written < size) {
            int n = 0;
            String head = switch (random.nextInt(4)) {
                case 0 -> "MSH|^~\\&|LAB|PARTNER|GW|HOSP|20240101120000||ORU^R01|";
                case 1 -> "PID|1||";
                case 2 -> "OBR|1|";
                default -> "OBX|1|NM|";
            };
            for (int i = 0; i < head.length(); i++) {
                line[n++] = (byte) head.charAt(i);
            }
            int len = 20 + random.nextInt(180);
            for (int i = 0; i < len; i++) {
                int r = random.nextInt(40);
                line[n++] = (byte) (r < 26 ? 'A' + r : r < 36 ? '0' + r - 26 : '|');
            }
            line[n++] = '\r';
            int take = (int) Math.min(n, size - written);
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
