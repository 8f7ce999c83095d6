package org.hl7gw.bench.poller;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.intake.IncomingFile;
import org.hl7gw.core.intake.Intake;
import org.hl7gw.core.intake.IntakeReceipt;
import org.hl7gw.core.poll.PollClaims;
import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.core.poll.PollerStatusStore;
import org.hl7gw.core.poll.RemoteFile;
import org.hl7gw.poller.Credentials;
import org.hl7gw.poller.PollReport;
import org.hl7gw.poller.Poller;
import org.hl7gw.poller.PollerSettings;
import org.hl7gw.testkit.ftp.ProgramRun;
import org.hl7gw.testkit.servers.LocalUser;
import org.hl7gw.testkit.servers.OpenSshServer;
import org.hl7gw.testkit.ssh.OpenSshClient;

/**
 * One poller run over a real OpenSSH sftp folder against the OpenSSH {@code sftp} client ({@code get *},
 * {@code get big.hl7}) and {@code curl sftp://} fetching the same files in the same run: 1,000 small files (~2 KB,
 * HL7-like text) and one large file (500 MB by default).
 *
 * <p>The poller runs with {@code afterAction: leave}, {@code stableFor: 0} and fresh in-memory claims each time, so
 * every run takes every file; its intake only moves the downloaded file away (no hashing, no ledger), so the figures
 * are the poller's: connection, listing, claims, download, size checks. Each tool runs twice to warm up (the JIT needs
 * a few hundred MB before MINA's AES-GCM path is fast), then {@code --runs} times, taking turns to go first, each
 * after a {@code sync} so that no tool pays for another's writes; the median counts. All files land on the same disk.
 * The big file goes first: after the thousand small files the JIT's profile of the download path is tuned to small
 * reads and the big download runs about a third slower in the same JVM ({@code --only} runs one case).
 *
 * <pre>
 * java --add-opens ... -cp ... org.hl7gw.bench.poller.PollerBenchmark [--small 1000] [--big-mb 500] [--runs 3] [--only big|small] [--work DIR]
 * </pre>
 * Runs as root (it creates the local test user the SFTP server logs in, like the tests).
 */
public final class PollerBenchmark {
    private static final long MB = 1_000_000L;

    private PollerBenchmark() {
    }

    private interface Fetch {
        void run(Path target) throws Exception;
    }

    private record Tool(String name, Fetch fetch) {
    }

    public static void main(String[] args) throws Exception {
        int small = 1000;
        long bigMb = 500;
        int runs = 3;
        Path work = null;
        String only = "all";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only = args[++i];
                case "--small" -> small = Integer.parseInt(args[++i]);
                case "--big-mb" -> bigMb = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: PollerBenchmark [--small N] [--big-mb N] [--runs N] [--only big|small] [--work DIR]");
                    System.exit(2);
                }
            }
        }
        boolean ownWork = work == null;
        work = ownWork ? Files.createTempDirectory("pollerbench") : Files.createDirectories(work);
        System.out.printf(Locale.ROOT, "work dir %s, java %s, %d cpus%n", work, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        LocalUser user = LocalUser.testUser();
        try (OpenSshServer sshd = OpenSshServer.builder(work.resolve("sshd"), user).start()) {
            Path smallFolder = user.ownedFolder(work.resolve("remote/small"));
            Path bigFolder = user.ownedFolder(work.resolve("remote/big"));
            long smallBytes = writeSmallFiles(smallFolder, small);
            long bigBytes = writeBigFile(bigFolder.resolve("big.hl7"), bigMb * MB);
            System.out.printf(Locale.ROOT, "%s, %d small files (%d bytes), one file of %d MB%n", sshd, small, smallBytes, bigMb);

            if (!only.equals("small")) {
                measure("one big file", 1, bigBytes, tools(sshd, bigFolder, work, "big.hl7", "big.hl7", 1), runs, work);
            }
            if (!only.equals("big")) {
                measure("small files", small, smallBytes, tools(sshd, smallFolder, work, "small-*.hl7",
                        "small-[0000-" + String.format(Locale.ROOT, "%04d", small - 1) + "].hl7", small), runs, work);
            }
        } finally {
            if (ownWork) {
                deleteTree(work);
            }
        }
    }

    private static List<Tool> tools(OpenSshServer sshd, Path folder, Path work, String sftpGlob, String curlGlob, int expectedFiles) {
        Path key = sshd.clientKey().privateKey();
        String url = sshd.sftpUrl(folder);
        OpenSshClient sftp = sshd.client(work.resolve("sftp-batches"));
        List<Tool> tools = new ArrayList<>();
        tools.add(new Tool("hl7gw poller", target -> {
            PollerSettings settings = PollerSettings.builder("bench", url).hostKey(sshd.hostKeyFingerprint())
                    .credentials(Credentials.privateKey(key, null)).stableFor(Duration.ZERO).afterAction("leave")
                    .maxFilesPerRun(Math.max(expectedFiles, 1)).build();
            Poller poller = new Poller(settings, new MemoryClaims(), new MemoryStatus(), new MovingIntake(target), work.resolve("poller-work"),
                    Clock.systemUTC());
            PollReport report = poller.run();
            if (report.outcome() != PollOutcome.SUCCEEDED || report.taken().size() != expectedFiles) {
                throw new IllegalStateException("poller run: " + report);
            }
        }));
        tools.add(new Tool("OpenSSH sftp", target -> {
            OpenSshClient.Result r = sftp.sftp("lcd " + target, "cd " + folder, "get " + sftpGlob);
            if (!r.ok()) {
                throw new IllegalStateException("sftp: " + r.output());
            }
        }));
        tools.add(new Tool("curl sftp://", target -> {
            ProgramRun.Outcome o = ProgramRun.run(List.of("curl", "-sS", "-k", "--key", key.toString(), "--pubkey", key + ".pub",
                    url + "/" + curlGlob, "-o", target + "/#1"), work.resolve("curl-runs"), Duration.ofMinutes(10));
            o.check();
        }));
        return tools;
    }

    private static void measure(String what, int files, long bytes, List<Tool> tools, int runs, Path work) throws Exception {
        int warmups = 2;
        double[][] seconds = new double[tools.size()][runs];
        for (int round = -warmups; round < runs; round++) {
            for (int i = 0; i < tools.size(); i++) {
                int t = Math.floorMod(i + round, tools.size()); // each tool takes its turn first
                Path target = Files.createDirectories(work.resolve("fetched-" + t));
                flushDirtyPages(work); // the previous tool's writes must not slow this one down
                long t0 = System.nanoTime();
                tools.get(t).fetch().run(target);
                double s = (System.nanoTime() - t0) / 1e9;
                long got = sizeOf(target);
                if (got != bytes) {
                    throw new IllegalStateException(tools.get(t).name() + " fetched " + got + " bytes, expected " + bytes);
                }
                deleteTree(target);
                if (round >= 0) {
                    seconds[t][round] = s;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n== %s: %d file(s), %.1f MB, median of %d runs after %d warm-ups%n", what, files, bytes / (double) MB,
                runs, warmups);
        System.out.printf(Locale.ROOT, "%-14s %9s %11s %9s   %-16s %s%n", "tool", "seconds", "files/s", "MB/s", "poller/this tool", "all runs (s)");
        double pollerSeconds = median(seconds[0]);
        for (int t = 0; t < tools.size(); t++) {
            double s = median(seconds[t]);
            StringBuilder all = new StringBuilder();
            for (double r : seconds[t]) {
                all.append(String.format(Locale.ROOT, "%.2f ", r));
            }
            System.out.printf(Locale.ROOT, "%-14s %9.3f %11.1f %9.1f   %-16s %s%n", tools.get(t).name(), s, files / s, bytes / (double) MB / s,
                    t == 0 ? "" : String.format(Locale.ROOT, "%.2f", s / pollerSeconds), all.toString().trim());
        }
    }

    private static void flushDirtyPages(Path work) {
        ProgramRun.run(List.of("sync"), work.resolve("sync-runs"), Duration.ofMinutes(2));
    }

    private static long writeSmallFiles(Path folder, int count) throws IOException {
        long total = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder();
            b.append("MSH|^~\\&|LAB|MAINFRAME|HL7GW|HOSP|20240501020000||ORU^R01|MSG").append(i).append("|P|2.5\r");
            int obx = 1;
            while (b.length() < 2000) {
                b.append("OBX|").append(obx++).append("|NM|2345-7^GLUCOSE^LN||").append(90 + i % 17).append("|mg/dL|70-110|N|||F\r");
            }
            byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
            Files.write(folder.resolve(String.format(Locale.ROOT, "small-%04d.hl7", i)), bytes);
            total += bytes.length;
        }
        return total;
    }

    private static long writeBigFile(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long written = 0; written < size; ) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        block[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                int n = (int) Math.min(block.length, size - written);
                out.write(block, 0, n);
                written += n;
            }
        }
        return size;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Moves each downloaded file into the target folder: the cheapest intake there is. */
    private static final class MovingIntake implements Intake {
        private static final Sha256 NOT_HASHED = new Sha256("0".repeat(64));
        private final Path target;
        private final AtomicLong ids = new AtomicLong();

        MovingIntake(Path target) {
            this.target = target;
        }

        @Override
        public IntakeReceipt accept(IncomingFile file) throws IOException {
            long id = ids.incrementAndGet();
            Files.move(file.path(), target.resolve(id + "-" + file.originalName()));
            return new IntakeReceipt(id, NOT_HASHED, FileStatus.QUEUED, null);
        }
    }

    /** Claims in memory, granted once each. */
    private static final class MemoryClaims implements PollClaims {
        private final AtomicLong ids = new AtomicLong();
        private final Map<RemoteFile, Boolean> taken = new ConcurrentHashMap<>();

        @Override
        public Optional<Claim> claim(String pollerId, RemoteFile file) {
            return taken.putIfAbsent(file, Boolean.FALSE) == null ? Optional.of(new Claim(ids.incrementAndGet(), pollerId, file)) : Optional.empty();
        }

        @Override
        public void taken(Claim claim, Sha256 sha256, long fileId) {
            taken.put(claim.file(), Boolean.TRUE);
        }

        @Override
        public void release(Claim claim) {
            taken.remove(claim.file(), Boolean.FALSE);
        }

        @Override
        public boolean wasTaken(RemoteFile file) {
            return Boolean.TRUE.equals(taken.get(file));
        }
    }

    private static final class MemoryStatus implements PollerStatusStore {
        private volatile PollerStatus status = PollerStatus.never("bench");

        @Override
        public PollerStatus status(String pollerId) {
            return status;
        }

        @Override
        public void save(PollerStatus s) {
            status = s;
        }
    }
}
