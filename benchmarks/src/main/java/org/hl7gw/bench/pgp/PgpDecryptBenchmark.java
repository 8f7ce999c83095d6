package org.hl7gw.bench.pgp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.hl7gw.pgp.PgpDecryptor;
import org.hl7gw.pgp.PgpResult;
import org.hl7gw.testkit.gpg.GnuPg;

/**
 * Decryption throughput of the gateway against {@code gpg --decrypt}, on the same files in the same run.
 *
 * <p>Generates seeded HL7-like text (streamed into gpg's standard input, never held), has gpg encrypt and
 * sign it (ZLIB, GnuPG's default) for a Curve25519 gateway key, then times {@code gpg --decrypt} to
 * /dev/null and {@link PgpDecryptor} decrypt+verify to a null stream: two warm-ups, then best of 3 each,
 * alternating so both see the same machine load. Does
 * this for a 50 MiB file and then the full-size file, printing the JVM's peak RSS (VmHWM) after each, which
 * shows that memory does not grow with the file size.
 *
 * <pre>
 * java -Xmx256m -cp ... org.hl7gw.bench.pgp.PgpDecryptBenchmark [--size-mb 200] [--work DIR]
 * </pre>
 */
public final class PgpDecryptBenchmark {
    private static final long MiB = 1L << 20;
    private static final int WARMUPS = 2;
    private static final int RUNS = 3;

    private record Measurement(long sizeBytes, double gpgSeconds, double gatewaySeconds, long vmHwmKb) {
        double gpgMiBs() {
            return sizeBytes / (double) MiB / gpgSeconds;
        }

        double gatewayMiBs() {
            return sizeBytes / (double) MiB / gatewaySeconds;
        }
    }

    private PgpDecryptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long sizeMb = 200;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mb" -> sizeMb = Long.parseLong(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: PgpDecryptBenchmark [--size-mb N] [--work DIR]");
                    System.exit(2);
                }
            }
        }
        if (sizeMb < 1) {
            throw new IllegalArgumentException("--size-mb must be at least 1");
        }
        work = work == null ? Files.createTempDirectory("pgpbench") : Files.createDirectories(work);
        System.out.printf(Locale.ROOT, "work dir %s, java %s, %d cpus%n", work, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        Path home = Files.createTempDirectory(work, "gpg");
        try (GnuPg gpg = GnuPg.create(home)) {
            System.out.println(gpg.version());
            GnuPg.Key gateway = gpg.generateKey("Bench Gateway", "gw@bench.test", GnuPg.KeyType.CURVE_25519);
            GnuPg.Key partner = gpg.generateKey("Bench Partner", "partner@bench.test", GnuPg.KeyType.CURVE_25519);
            Path secret = gpg.exportSecretKey(gateway, home.resolve("gateway.sec.asc"), true);
            Path signer = gpg.exportPublicKey(partner, home.resolve("partner.pub.asc"), true);
            PgpDecryptor decryptor = PgpDecryptor.builder().decryptionKeys(List.of(secret)).signers(List.of(signer)).build();

            List<Long> sizes = sizeMb > 50 ? List.of(50 * MiB, sizeMb * MiB) : List.of(sizeMb * MiB);
            List<Path> files = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            for (long size : sizes) {
                MessageDigest expected = sha256();
                files.add(generate(gpg, gateway, partner, work, size, expected));
                hashes.add(HexFormat.of().formatHex(expected.digest()));
            }
            // let the JIT compile the hot paths before anything is timed
            for (int i = 0; i < 3; i++) {
                timeGateway(decryptor, files.get(0), sizes.get(0), null);
            }
            List<Measurement> results = new ArrayList<>();
            for (int i = 0; i < sizes.size(); i++) {
                results.add(measure(gpg, decryptor, files.get(i), sizes.get(i), hashes.get(i)));
            }

            Measurement big = results.get(results.size() - 1);
            double ratio = big.gatewayMiBs() / big.gpgMiBs();
            StringBuilder rss = new StringBuilder();
            for (Measurement m : results) {
                rss.append(rss.length() == 0 ? "" : ", ").append(m.sizeBytes() / MiB).append(" MiB file -> ")
                        .append(m.vmHwmKb() / 1024).append(" MiB");
            }
            System.out.printf(Locale.ROOT, "SUMMARY pgp-decrypt %d MiB signed+ZLIB: gpg %.1f MiB/s, gateway %.1f MiB/s, "
                            + "gateway/gpg %.2f, JVM peak RSS %s%n",
                    big.sizeBytes() / MiB, big.gpgMiBs(), big.gatewayMiBs(), ratio, rss);
        } finally {
            deleteTree(home); // after close(): its gpg-agent has been stopped
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path generate(GnuPg gpg, GnuPg.Key gateway, GnuPg.Key partner, Path work, long size, MessageDigest expected) {
        Path file = work.resolve("bench-" + size / MiB + "MiB.gpg");
        long t0 = System.nanoTime();
        gpg.encrypt(stdin -> {
            try (OutputStream out = new BufferedOutputStream(new DigestingOutputStream(stdin, expected), 1 << 16)) {
                hl7Lines(20240101L + size, size, out);
            }
        }, file, GnuPg.Options.create().recipient(gateway).signer(partner));
        try {
            System.out.printf(Locale.ROOT, "generated %d MiB of HL7 text -> %s, %.1f MiB ciphertext (gpg encrypt+sign %.1f s)%n",
                    size / MiB, file.getFileName(), Files.size(file) / (double) MiB, (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    private static Measurement measure(GnuPg gpg, PgpDecryptor decryptor, Path file, long size, String expectedHex) throws IOException {
        System.out.printf(Locale.ROOT, "%n%d MiB file%n", size / MiB);
        System.gc();
        resetPeakRss();
        // warm-up of each, then gpg and the gateway alternate so both see the same machine load
        double gpgBest = Double.MAX_VALUE;
        double gwBest = Double.MAX_VALUE;
        for (int run = 1 - WARMUPS; run <= RUNS; run++) {
            String label = run <= 0 ? "warm-up" : "run " + run;
            double g = timeGpg(gpg, file);
            System.out.printf(Locale.ROOT, "  gpg --decrypt      %-7s %.3f s  %6.1f MiB/s%n", label, g, size / (double) MiB / g);
            double j = timeGateway(decryptor, file, size, run == 1 - WARMUPS ? expectedHex : null);
            System.out.printf(Locale.ROOT, "  gateway decryptTo  %-7s %.3f s  %6.1f MiB/s%n", label, j, size / (double) MiB / j);
            if (run > 0) {
                gpgBest = Math.min(gpgBest, g);
                gwBest = Math.min(gwBest, j);
            }
        }
        long hwm = vmHwmKb();
        Measurement m = new Measurement(size, gpgBest, gwBest, hwm);
        System.out.printf(Locale.ROOT, "  best: gpg %.1f MiB/s, gateway %.1f MiB/s, gateway/gpg %.2f; JVM peak RSS (VmHWM) %d MiB%n",
                m.gpgMiBs(), m.gatewayMiBs(), m.gatewayMiBs() / m.gpgMiBs(), hwm / 1024);
        Files.delete(file);
        return m;
    }

    private static double timeGpg(GnuPg gpg, Path file) {
        long start = System.nanoTime();
        GnuPg.Outcome o = gpg.run(List.of("--quiet", "--output", "/dev/null", "--decrypt", file.toString()), null);
        double s = (System.nanoTime() - start) / 1e9;
        if (!o.ok() || !o.hasStatus("GOODSIG")) {
            throw new IllegalStateException("gpg --decrypt failed: " + o.stderr());
        }
        return s;
    }

    /** Decrypts and verifies to a null stream; when {@code expectedHex} is given, also checks the plaintext's SHA-256. */
    private static double timeGateway(PgpDecryptor decryptor, Path file, long size, String expectedHex) throws IOException {
        DigestingOutputStream check = expectedHex != null ? new DigestingOutputStream(OutputStream.nullOutputStream(), sha256()) : null;
        long start = System.nanoTime();
        PgpResult r;
        try (InputStream in = Files.newInputStream(file)) {
            r = decryptor.decryptTo(in, check != null ? check : OutputStream.nullOutputStream());
        }
        double s = (System.nanoTime() - start) / 1e9;
        if (!r.signatureVerified() || r.plaintextBytes() != size
                || check != null && !HexFormat.of().formatHex(check.digest.digest()).equals(expectedHex)) {
            throw new IllegalStateException("gateway decryption is wrong: " + r.summary());
        }
        return s;
    }

    private static final String[] LAST = {"SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "MARTINEZ",
            "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ"};
    private static final String[] FIRST = {"JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA", "DAVID",
            "ELIZABETH", "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA"};
    private static final String[] STREETS = {"MAIN ST", "OAK AVE", "PINE RD", "MAPLE DR", "CEDAR LN", "ELM ST", "LAKE VIEW BLVD"};
    private static final String[] CITIES = {"SPRINGFIELD^IL^62701", "MADISON^WI^53703", "AUSTIN^TX^73301", "SALEM^OR^97301",
            "DOVER^DE^19901", "ALBANY^NY^12207"};
    private static final String[][] TESTS = {{"2345-7", "Glucose", "mg/dL", "70-99"}, {"2160-0", "Creatinine", "mg/dL", "0.6-1.3"},
            {"3094-0", "Urea nitrogen", "mg/dL", "7-20"}, {"2951-2", "Sodium", "mmol/L", "136-145"}, {"2823-3", "Potassium", "mmol/L", "3.5-5.1"},
            {"2075-0", "Chloride", "mmol/L", "98-107"}, {"17861-6", "Calcium", "mg/dL", "8.6-10.3"}, {"718-7", "Hemoglobin", "g/dL", "12.0-17.5"},
            {"6690-2", "Leukocytes", "10*3/uL", "4.5-11.0"}, {"777-3", "Platelets", "10*3/uL", "150-400"}};

    /**
     * Seeded ORU^R01 messages (MSH, PID, PV1, ORC, OBR, 4-12 OBX, sometimes NTE), CR-terminated segments,
     * exactly {@code size} bytes; they compress about as well as real laboratory batches.
     */
    private static void hl7Lines(long seed, long size, OutputStream out) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder m = new StringBuilder(4096);
        long written = 0;
        long control = 100000;
        while (written < size) {
            m.setLength(0);
            String ts = String.format(Locale.ROOT, "2024%02d%02d%02d%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                    r.nextInt(60), r.nextInt(60));
            String last = LAST[r.nextInt(LAST.length)];
            String first = FIRST[r.nextInt(FIRST.length)];
            long mrn = 1_000_000 + r.nextInt(9_000_000);
            m.append("MSH|^~\\&|LABSYS|PARTNER LAB^2.16.840.1.113883.3.1234^ISO|HL7GW|GENERAL HOSPITAL|").append(ts)
                    .append("||ORU^R01^ORU_R01|MSG").append(control++).append("|P|2.5.1|||AL|NE\r");
            m.append("PID|1||").append(mrn).append("^^^GENHOSP^MR||").append(last).append('^').append(first).append("^")
                    .append((char) ('A' + r.nextInt(26))).append("||19").append(40 + r.nextInt(60))
                    .append(String.format(Locale.ROOT, "%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))).append('|')
                    .append(r.nextBoolean() ? 'M' : 'F').append("|||").append(1 + r.nextInt(9999)).append(' ')
                    .append(STREETS[r.nextInt(STREETS.length)]).append("^^").append(CITIES[r.nextInt(CITIES.length)])
                    .append("||(555)").append(100 + r.nextInt(900)).append('-').append(1000 + r.nextInt(9000)).append("\r");
            m.append("PV1|1|O|LAB^^^GENHOSP||||").append(1000 + r.nextInt(500)).append("^WELBY^MARCUS^^^DR\r");
            m.append("ORC|RE|ORD").append(r.nextInt(10_000_000)).append("|FIL").append(r.nextInt(10_000_000)).append("||CM\r");
            m.append("OBR|1|ORD").append(r.nextInt(10_000_000)).append("|FIL").append(r.nextInt(10_000_000))
                    .append("|24323-8^Comprehensive metabolic panel^LN|||").append(ts).append("|||||||||")
                    .append(1000 + r.nextInt(500)).append("^WELBY^MARCUS||||||").append(ts).append("|||F\r");
            int obx = 4 + r.nextInt(9);
            for (int i = 1; i <= obx; i++) {
                String[] t = TESTS[r.nextInt(TESTS.length)];
                m.append("OBX|").append(i).append("|NM|").append(t[0]).append('^').append(t[1]).append("^LN||")
                        .append(r.nextInt(200)).append('.').append(r.nextInt(10)).append('|').append(t[2]).append('|').append(t[3])
                        .append('|').append(r.nextInt(10) == 0 ? "H" : "N").append("|||F|||").append(ts).append("\r");
            }
            if (r.nextInt(4) == 0) {
                m.append("NTE|1|L|Specimen received ").append(r.nextInt(60)).append(" minutes after collection.\r");
            }
            byte[] bytes = m.toString().getBytes(StandardCharsets.ISO_8859_1);
            int take = (int) Math.min(bytes.length, size - written);
            out.write(bytes, 0, take);
            written += take;
        }
    }

    /** Linux: writing 5 to clear_refs resets VmHWM to the current RSS, so each size gets its own peak. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the peak then covers the whole run
        }
    }

    private static long vmHwmKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class DigestingOutputStream extends OutputStream {
        private final OutputStream out;
        final MessageDigest digest;

        DigestingOutputStream(OutputStream out, MessageDigest digest) {
            this.out = out;
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            digest.update((byte) b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
