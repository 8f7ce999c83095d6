package org.hl7gw.ledger;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.AttemptOutcome;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.delivery.QueuePosition;
import org.hl7gw.core.delivery.Settlement;
import org.hl7gw.core.intake.FileSource;

/**
 * Measures settlements per second through {@link GroupCommitJournal} on an H2 file database: per run, one file
 * of N messages (default 100,000) is staged and queued, read back through the lane query, then each message is
 * recorded as one AA attempt plus one DELIVERED settlement from one thread (as a lane does), ending with a
 * flush. A 20,000-message warm-up run comes first; then R runs (default 3) are reported with the best and the
 * median, because other processes on a shared machine make single runs noisy. Also reports the journal
 * thread's CPU time, staging speed and lane-query time. Not a test: run it with
 * <pre>
 *   ./mvnw -B -q -pl ledger test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.hl7gw.ledger.JournalBenchmark [-Dexec.args="MESSAGES RUNS [CAPACITY MAXBATCH]"]
 * </pre>
 */
public final class JournalBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        JournalSettings settings = args.length > 3
                ? JournalSettings.DEFAULTS.withBuffer(Integer.parseInt(args[2]), Integer.parseInt(args[3]))
                : JournalSettings.DEFAULTS;
        Path dir = Files.createTempDirectory("ledger-bench");
        try (LedgerDatabase db = LedgerDatabase.open(LedgerSettings.h2(dir))) {
            JdbcLedger ledger = new JdbcLedger(db);
            run(db, ledger, settings, 20_000, "warm-up");
            List<Result> results = new ArrayList<>();
            for (int r = 1; r <= repetitions; r++) {
                results.add(run(db, ledger, settings, n, "run-" + r));
            }
            print(n, settings, results, Files.size(dir.resolve("ledger.mv.db")));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Seconds taken by each phase of one run, and the journal thread's CPU seconds. */
    private record Result(double staging, double laneQuery, int pages, double settling, double writerCpu) {
    }

    private static Result run(LedgerDatabase db, JdbcLedger ledger, JournalSettings settings, int n, String label) {
        FileRecord file = ledger.receive(new NewFile(FileSource.partner("bench"), label + ".hl7", 1000L * n,
                Sha256.of(label.getBytes(StandardCharsets.US_ASCII)), Instant.now(), "bench-" + label));
        long t0 = System.nanoTime();
        try (MessageStager stager = ledger.stage(file.id())) {
            for (int i = 1; i <= n; i++) {
                stager.add(new NewMessage(i, 1, ControlId.of("CTL" + i), "ORU^R01^ORU_R01", "LAB", "HOSP", 900,
                        Sha256.of(Integer.toString(i).getBytes(StandardCharsets.US_ASCII)), 1000L * i));
            }
            stager.queue(1, List.of());
        }
        long t1 = System.nanoTime();
        List<OutboundMessage> all = new ArrayList<>(n);
        QueuePosition position = QueuePosition.START;
        int pages = 0;
        while (true) {
            List<OutboundMessage> page = ledger.pending(file.destination(), position, 1000);
            pages++;
            if (page.isEmpty()) {
                break;
            }
            all.addAll(page);
            position = page.get(page.size() - 1).position();
        }
        long t2 = System.nanoTime();
        long t3;
        long t4;
        long writerCpu;
        try (GroupCommitJournal journal = new GroupCommitJournal(db, settings)) {
            t3 = System.nanoTime();
            Instant now = Instant.now();
            for (OutboundMessage m : all) {
                journal.attempt(new AttemptRecord(m.messageId(), m.fileId(), 1, now, AttemptOutcome.AA, Duration.ofMillis(1), null));
                journal.settle(new Settlement(m.messageId(), m.fileId(), MessageStatus.DELIVERED, 1, AckCode.AA, null));
            }
            journal.flush();
            t4 = System.nanoTime();
            writerCpu = writerCpuNanos();
        }
        FileRecord done = ledger.file(file.id()).orElseThrow();
        if (done.delivered() != n || done.pending() != 0 || done.status() != FileStatus.COMPLETED) {
            throw new IllegalStateException("expected " + n + " delivered, got " + done);
        }
        return new Result(secs(t1 - t0), secs(t2 - t1), pages, secs(t4 - t3), secs(writerCpu));
    }

    private static void print(int n, JournalSettings settings, List<Result> results, long dbBytes) {
        System.out.printf(Locale.ROOT, "ledger journal benchmark: H2 file database, %d messages per run, journal capacity %d, "
                + "maxBatch %d (crash window %d records), %d cores%n", n, settings.capacity(), settings.maxBatch(),
                settings.capacity() + settings.maxBatch(), Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            System.out.printf(Locale.ROOT, "  run %d: settlements %7.0f messages/s (%.2f s; journal thread CPU %.2f s = %.0f messages per "
                    + "CPU-second) | staging %7.0f messages/s | lane query %.2f ms per page of 1000%n", i + 1, n / r.settling(),
                    r.settling(), r.writerCpu(), n / r.writerCpu(), n / r.staging(), r.laneQuery() * 1000 / r.pages());
        }
        double[] rates = results.stream().mapToDouble(r -> n / r.settling()).sorted().toArray();
        System.out.printf(Locale.ROOT, "  settlements: best %.0f, median %.0f messages/s (each message = 1 AA attempt + 1 DELIVERED "
                + "settlement, committed and fsynced)%n  database file %d MB after all runs%n", rates[rates.length - 1],
                rates[rates.length / 2], dbBytes >> 20);
    }

    /** CPU time of the journal's writer thread (it is created per journal, so this is one journal's work). */
    private static long writerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("ledger-journal"))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId()))
                .max().orElse(0);
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
