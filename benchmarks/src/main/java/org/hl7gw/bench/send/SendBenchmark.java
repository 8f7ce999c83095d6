package org.hl7gw.bench.send;

import static org.hl7gw.bench.Stats.f;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7gw.bench.Stats;
import org.hl7gw.testkit.BatchFileGenerator;

/**
 * {@code gateway send} throughput against the ceiling measured in the same run: a bare socket client sending
 * the same pre-split frames, one at a time and waiting for each ACK, to the same minimal MLLP ACK responder
 * (its own process, as an interface engine would be). Each side runs in its own JVM; the send side is the
 * real command ({@code send FILE --to URL}) with the ledger on, timed from its start to its end inside the JVM
 * (JVM start-up excluded), and its peak RSS (VmHWM) is reported.
 *
 * <pre>
 *   ./benchmark.sh send [--messages 10000,100000] [--rounds 3] [--heap 128m] [--jvm OPTION]... [--work DIR]
 * </pre>
 */
public final class SendBenchmark {
    private SendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10_000, 100_000);
        int rounds = 3;
        String heap = "128m";   // the ./gateway launcher's default for commands
        List<String> extra = new ArrayList<>(List.of("-XX:+UseSerialGC"));
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> sizes = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--work" -> work = Path.of(args[++i]);
                case "--jvm" -> extra.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("hl7gw-bench-send");
        Process responder = start(List.of("org.hl7gw.bench.mllp.FastAckResponder", "0"), List.of());
        int port;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(responder.getInputStream(), StandardCharsets.UTF_8))) {
            port = Integer.parseInt(r.readLine().trim());
            System.out.println("responder (own process) on port " + port + "; sender -Xmx" + heap + " " + String.join(" ", extra) + "; " + rounds + " rounds");
            List<String> summary = new ArrayList<>();
            for (int n : sizes) {
                Path file = dir.resolve("batch-" + n + ".hl7");
                new BatchFileGenerator(n).messageSize(1300).write(file, n);
                System.out.println(f("file: %,d messages, %,d bytes", n, Files.size(file)));
                double[] ceiling = new double[rounds];
                double[] send = new double[rounds];
                long rss = 0;
                for (int round = 0; round < rounds; round++) {
                    // the ceiling client holds every frame in memory: give it room, its memory is not what is measured
                    ceiling[round] = Double.parseDouble(run(List.of("org.hl7gw.bench.send.CeilingRun", Integer.toString(port), file.toString()),
                            List.of("-Xmx2g"))[0]);
                    Path data = dir.resolve("data-" + n + "-" + round);
                    List<String> jvm = new ArrayList<>(extra);
                    jvm.add("-Xmx" + heap);
                    String[] out = run(List.of("org.hl7gw.bench.send.SendRun", Integer.toString(port), file.toString(), data.toString()), jvm);
                    send[round] = Double.parseDouble(out[0]);
                    rss = Math.max(rss, Long.parseLong(out[1]));
                    System.out.println(f("  round %d: ceiling %,.0f msg/s, send %,.0f msg/s (%.2f), send peak RSS %d MB", round + 1, ceiling[round],
                            send[round], send[round] / ceiling[round], Long.parseLong(out[1])));
                    deleteTree(data);
                }
                double c = Stats.median(ceiling);
                double s = Stats.median(send);
                String line = f("RESULT send %,d messages: %,.0f msg/s = %.2f of the %,.0f msg/s bare-socket ceiling (target 0.8); peak RSS %d MB (target <= 256)",
                        n, s, s / c, c, rss);
                System.out.println(line);
                summary.add(line);
                Files.deleteIfExists(file);
            }
            summary.forEach(System.out::println);
        } finally {
            responder.destroy();
            responder.waitFor(10, TimeUnit.SECONDS);
            if (work == null) {
                deleteTree(dir);
            }
        }
    }

    private static Process start(List<String> mainAndArgs, List<String> jvm) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-Dlogback.configurationFile=logback.xml");  // not the testkit's logback-test.xml
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Runs a child JVM and returns the fields of its "RESULT ..." line. */
    private static String[] run(List<String> mainAndArgs, List<String> jvm) throws IOException, InterruptedException {
        Process p = start(mainAndArgs, jvm);
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        String result = lines.stream().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(mainAndArgs.get(0) + " failed (exit " + p.exitValue() + "): " + lines);
        }
        return result.substring(7).split(" ");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
