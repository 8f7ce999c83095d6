package org.hl7gw.bench.send;

import java.io.PrintStream;
import java.nio.file.Path;
import org.hl7gw.bench.Stats;
import org.hl7gw.gateway.Main;

/** Child JVM of the send benchmark: the real {@code send} command, timed inside the JVM; prints msg/s and peak RSS (MB). */
public final class SendRun {
    private SendRun() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        System.setProperty("hl7gw.log.level", "WARN");
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        long messages;
        try (var lines = java.nio.file.Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            messages = lines.filter(l -> l.startsWith("MSH|")).count();
        }
        // an existing ledger, as in production: create the database and its schema before the clock starts
        org.hl7gw.gateway.app.Workspace.open(Path.of(args[2])).close();
        long t0 = System.nanoTime();
        int code = Main.run(new String[] {"send", file.toString(), "--to", "mllp://127.0.0.1:" + port, "--data-dir", args[2]}, quiet, System.err);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            System.err.println("send exited " + code);
            System.exit(1);
        }
        System.out.println("RESULT " + (messages / seconds) + " " + Stats.peakRssMb());
    }
}
