package org.hl7gw.gateway.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged program ({@code java -jar hl7gw.jar}) as a separate process, as {@code ./gateway} does. */
public final class GatewayJar {

    public record Result(int exitCode, Path stdout, String stderr) {
        public String out() throws IOException {
            return Files.readString(stdout);
        }
    }

    public static Path jar() {
        Path jar = Paths.get("target", "hl7gw.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after 'package'");
        }
        return jar;
    }

    /** Runs the jar with JVM options and program arguments; stdout goes to a file (it may be large). */
    public static Result run(Path work, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    private GatewayJar() {
    }

    static String sep() {
        return File.separator;
    }
}
