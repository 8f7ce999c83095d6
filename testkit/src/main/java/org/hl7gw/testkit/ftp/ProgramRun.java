package org.hl7gw.testkit.ftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a program (curl, lftp, openssl) for a test: output goes to files in a scratch folder (no pipe can
 * fill up and block the program), the run is bounded by a timeout, and a started program can be killed.
 */
public final class ProgramRun {
    private static final AtomicLong COUNTER = new AtomicLong();

    private ProgramRun() {
    }

    /** How a finished program ended. */
    public record Outcome(List<String> command, int exitCode, String stdout, String stderr) {
        public Outcome {
            command = List.copyOf(command);
        }

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Throws with the program's stderr unless it exited with 0. */
        public Outcome check() {
            if (exitCode != 0) {
                throw new IllegalStateException(command.get(0) + " exited with " + exitCode + ": " + stderr.strip());
            }
            return this;
        }

        @Override
        public String toString() {
            return command.get(0) + " exit " + exitCode + (stderr.isBlank() ? "" : ": " + stderr.strip());
        }
    }

    /** A started program. {@link #kill()} sends SIGKILL: the program gets no chance to close anything cleanly. */
    public static final class Running implements AutoCloseable {
        private final List<String> command;
        private final Process process;
        private final Path stdout;
        private final Path stderr;

        private Running(List<String> command, Process process, Path stdout, Path stderr) {
            this.command = command;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** SIGKILL, then waits for the process to be gone. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the program to end (killing it after the timeout) and returns how it ended. */
        public Outcome await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                    return new Outcome(command, -1, read(stdout), read(stderr) + "\n(killed after " + timeout + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
            return new Outcome(command, process.exitValue(), read(stdout), read(stderr));
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    /** Starts a program; its output goes to files in {@code scratch}. */
    public static Running start(List<String> command, Path scratch) {
        long n = COUNTER.incrementAndGet();
        Path out = scratch.resolve("run-" + n + ".out");
        Path err = scratch.resolve("run-" + n + ".err");
        try {
            Files.createDirectories(scratch);
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Running(List.copyOf(command), p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /** Runs a program to its end (at most {@code timeout}). */
    public static Outcome run(List<String> command, Path scratch, Duration timeout) {
        try (Running r = start(command, scratch)) {
            return r.await(timeout);
        }
    }

    /** Whether a program can be started ({@code program --version} exits with 0). */
    public static boolean isInstalled(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
