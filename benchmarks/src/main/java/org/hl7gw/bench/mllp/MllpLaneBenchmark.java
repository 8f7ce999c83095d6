package org.hl7gw.bench.mllp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7gw.mllp.Destination;
import org.hl7gw.mllp.Lane;
import org.hl7gw.mllp.LaneOptions;
import org.hl7gw.mllp.LaneReport;
import org.hl7gw.mllp.connection.MllpEndpoint;
import org.hl7gw.testkit.mllp.MllpBytes;
import org.hl7gw.testkit.mllp.SyntheticMessages;
import org.slf4j.LoggerFactory;

/**
 * Lane throughput against the bare-socket ceiling, both against the same in-process {@link FastAckResponder}
 * on loopback, with the same seeded messages (about 1.3 KB each), without the ledger (in-memory ports).
 *
 * <p>Each round sends all N messages both ways, interleaved in chunks (ceiling chunk 1, lane chunk 1, ceiling
 * chunk 2, ...; each chunk on a fresh connection, a fresh Lane for the lane), so that both see the same
 * machine load; a round's rate is N over the summed time. The medians over the rounds and their ratio are
 * printed.
 *
 * <pre>
 *   java ... org.hl7gw.bench.mllp.MllpLaneBenchmark [--messages N (100000)] [--rounds R (5)] [--chunk C (25000)]
 * </pre>
 */
public final class MllpLaneBenchmark {
    static final int MESSAGE_SIZE = 1300;
    static final long SEED = 20261122L;

    private MllpLaneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = 100_000;
        int rounds = 5;
        int chunk = 25_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> count = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--chunk" -> chunk = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        quietLogging();
        List<byte[]> messages = messages(count);
        List<String> ids = new ArrayList<>();
        long bytes = 0;
        for (byte[] m : messages) {
            ids.add(MllpBytes.controlId(m));
            bytes += m.length;
        }
        List<byte[]> frames = frames(messages);
        System.out.printf(Locale.ROOT, "%,d messages, %.0f bytes on average, seed %d; %d rounds, chunks of %,d%n", count, (double) bytes / count, SEED,
                rounds, chunk);
        try (FastAckResponder responder = new FastAckResponder(0)) {
            // warm-up: JIT both paths
            BareSocketCeiling.run(responder.port(), frames.subList(0, Math.min(20_000, count)));
            runLane(responder.port(), messages.subList(0, Math.min(20_000, count)), ids.subList(0, Math.min(20_000, count)));
            double[] ceiling = new double[rounds];
            double[] lane = new double[rounds];
            double[] ceilingCpu = new double[rounds];
            double[] laneCpu = new double[rounds];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int r = 0; r < rounds; r++) {
                double ceilingSeconds = 0;
                double laneSeconds = 0;
                long ceilingNanos = 0;
                long laneNanos = 0;
                for (int from = 0; from < count; from += chunk) {
                    int to = Math.min(count, from + chunk);
                    long c0 = threads.getCurrentThreadCpuTime();
                    ceilingSeconds += (to - from) / BareSocketCeiling.run(responder.port(), frames.subList(from, to));
                    long c1 = threads.getCurrentThreadCpuTime();
                    laneSeconds += (to - from) / runLane(responder.port(), messages.subList(from, to), ids.subList(from, to));
                    long c2 = threads.getCurrentThreadCpuTime();
                    ceilingNanos += c1 - c0;
                    laneNanos += c2 - c1;
                }
                ceiling[r] = count / ceilingSeconds;
                lane[r] = count / laneSeconds;
                ceilingCpu[r] = ceilingNanos / 1e3 / count;
                laneCpu[r] = laneNanos / 1e3 / count;
                System.out.printf(Locale.ROOT, "round %d: ceiling %,.0f msgs/s, lane %,.0f msgs/s, ratio %.2f; sender CPU per message: ceiling %.2f us, lane %.2f us%n",
                        r + 1, ceiling[r], lane[r], lane[r] / ceiling[r], ceilingCpu[r], laneCpu[r]);
            }
            double c = median(ceiling);
            double l = median(lane);
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = lane[r] / ceiling[r];
            }
            System.out.printf(Locale.ROOT, "median: ceiling %,.0f msgs/s, lane %,.0f msgs/s, lane/ceiling %.2f, median of the rounds' ratios %.2f "
                    + "(target >= 0.80); sender CPU per message: ceiling %.2f us, lane %.2f us%n", c, l, l / c, median(ratios), median(ceilingCpu),
                    median(laneCpu));
        }
    }

    /** Delivers every message through a Lane (drain) with in-memory ports; returns messages per second. */
    static double runLane(int port, List<byte[]> messages, List<String> ids) {
        InMemoryLaneLedger ledger = new InMemoryLaneLedger(messages, ids);
        Destination destination = Destination.of("bench", new MllpEndpoint("127.0.0.1", port, false)).withAckTimeout(Duration.ofSeconds(10));
        Lane lane = new Lane(destination, ledger, ledger, ledger, LaneOptions.defaults());
        long t0 = System.nanoTime();
        LaneReport report = lane.drain();
        long elapsed = System.nanoTime() - t0;
        if (report.delivered() != messages.size() || ledger.notDelivered != 0) {
            throw new IllegalStateException("the lane did not deliver everything: " + report);
        }
        return messages.size() * 1e9 / elapsed;
    }

    static List<byte[]> messages(int count) {
        SyntheticMessages generator = new SyntheticMessages(SEED);
        List<byte[]> list = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            list.add(generator.adtA01("BENCH" + i, MESSAGE_SIZE));
        }
        return list;
    }

    static List<byte[]> frames(List<byte[]> messages) {
        List<byte[]> frames = new ArrayList<>(messages.size());
        for (byte[] m : messages) {
            frames.add(MllpBytes.frame(m));
        }
        return frames;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * Per-message DEBUG logging would measure the console, not the lane: sets the org.hl7gw loggers to INFO when
     * Logback is the SLF4J binding (without a compile-time dependency on it).
     */
    static void quietLogging() {
        Object logger = LoggerFactory.getLogger("org.hl7gw");
        try {
            Class<?> level = Class.forName("ch.qos.logback.classic.Level", false, logger.getClass().getClassLoader());
            logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField("INFO").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            // another binding: leave it as configured
        }
    }
}
