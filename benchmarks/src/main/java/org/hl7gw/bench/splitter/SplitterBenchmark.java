package org.hl7gw.bench.splitter;

import static org.hl7gw.bench.Stats.f;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7gw.bench.Stats;
import org.hl7gw.splitter.BatchReader;
import org.hl7gw.splitter.BatchReport;
import org.hl7gw.splitter.BatchSplitter;
import org.hl7gw.splitter.ByteSource;
import org.hl7gw.splitter.MessageSink;
import org.hl7gw.splitter.SplitterSettings;
import org.hl7gw.testkit.BatchFileGenerator;

/**
 * Validate + split throughput against the I/O ceiling measured in the same run: plainly reading the same
 * file through an InputStream with the same 64 KB buffer. The file is generated (seeded), read from the page
 * cache, and every measurement is repeated, interleaved, and reported as the median.
 *
 * <pre>
 *   ./benchmark.sh splitter [--messages N (default 200000)] [--rounds R (default 7)] [--work DIR]
 * </pre>
 */
public final class SplitterBenchmark {

    private SplitterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long messages = 200_000;
        int rounds = 7;
        Path work = null;
        String terminator = "\r";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--lf" -> terminator = "\n";
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("hl7gw-bench-splitter");
        Path file = dir.resolve("bench-" + messages + ".hl7");
        new BatchFileGenerator(20261122).terminator(terminator).batches(4).write(file, messages);
        long size = Files.size(file);
        System.out.println(f("file: %s, %,d bytes, %,d messages, %s terminators", file, size, messages, terminator.equals("\r") ? "CR" : "LF"));

        BatchReader reader = new BatchReader(SplitterSettings.defaults());
        BatchSplitter splitter = new BatchSplitter(SplitterSettings.defaults());
        double[] ceiling = new double[rounds];
        double[] validate = new double[rounds];
        double[] split = new double[rounds];
        double[] twoPass = new double[rounds];
        for (int warm = 0; warm < 2; warm++) {
            readPlain(file);
            validate(reader, file, messages);
            split(reader, file, messages);
        }
        for (int r = 0; r < rounds; r++) {
            ceiling[r] = readPlain(file);
            validate[r] = validate(reader, file, messages);
            split[r] = split(reader, file, messages);
            twoPass[r] = twoPass(splitter, file, messages);
        }
        double c = Stats.median(ceiling);
        double v = Stats.median(validate);
        double s = Stats.median(split);
        double t = Stats.median(twoPass);
        System.out.println(f("%-44s %9s %12s %8s", "measurement (median of " + rounds + ")", "MB/s", "messages/s", "ratio"));
        System.out.println(f("%-44s %9.0f %12s %8s", "I/O ceiling: InputStream.read, 64 KB buffer", mb(size, c), "-", "1.00"));
        System.out.println(f("%-44s %9.0f %,12.0f %8.2f", "validate (one pass, no message bytes)", mb(size, v), messages / v, c / v));
        System.out.println(f("%-44s %9.0f %,12.0f %8.2f", "validate + split (one pass, every message)", mb(size, s), messages / s, c / s));
        System.out.println(f("%-44s %9.0f %,12.0f %8.2f", "BatchSplitter (validate pass, then split)", mb(size, t), messages / t, c / t));
        System.out.println(f("peak RSS %d MB (max heap %d MB)", Stats.peakRssMb(), Runtime.getRuntime().maxMemory() >> 20));
        System.out.println(f("RESULT splitter: validate+split %.0f MB/s, %.0f msg/s = %.2f of the %.0f MB/s I/O ceiling (target 0.5)",
                mb(size, s), messages / s, c / s, mb(size, c)));
        if (work == null) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static double mb(long size, double seconds) {
        return size / 1e6 / seconds;
    }

    private static double readPlain(Path file) throws IOException {
        long t0 = System.nanoTime();
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int k; (k = in.read(buf)) > 0; ) {
                n += k;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (n != Files.size(file)) {
            throw new IllegalStateException("short read");
        }
        return s;
    }

    private static double validate(BatchReader reader, Path file, long messages) throws IOException {
        long t0 = System.nanoTime();
        BatchReport r;
        try (InputStream in = Files.newInputStream(file)) {
            r = reader.validate(in, file.toString(), MessageSink.discard());
        }
        return check(r, messages, t0);
    }

    private static double split(BatchReader reader, Path file, long messages) throws IOException {
        long[] sum = {0};
        long t0 = System.nanoTime();
        BatchReport r;
        try (InputStream in = Files.newInputStream(file)) {
            r = reader.split(in, file.toString(), m -> sum[0] += m.bytes().length + m.bytes()[m.bytes().length - 1]);
        }
        return check(r, messages, t0);
    }

    private static double twoPass(BatchSplitter splitter, Path file, long messages) throws IOException {
        long[] sum = {0};
        long t0 = System.nanoTime();
        BatchReport r = splitter.split(ByteSource.of(file), m -> sum[0] += m.bytes().length);
        return check(r, messages, t0);
    }

    private static double check(BatchReport r, long messages, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        if (!r.valid() || r.messages() != messages) {
            throw new IllegalStateException("unexpected report: " + r);
        }
        return s;
    }
}
