package org.hl7gw.testkit.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A server program running in the foreground as our child ({@code sshd -D}, vsftpd with {@code background=NO}),
 * its output appended to a log file. Both fork a process per connection, so stopping means stopping those too:
 * {@link #stop()} and {@link #kill()} signal every descendant of the server's PID, then the server. Nothing else
 * is ever signalled.
 */
final class Daemon {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;

    private Daemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Daemon start(String name, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new Daemon(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until something listens on 127.0.0.1:port (read from /proc/net/tcp, so no probe connection
     * disturbs the server).
     *
     * @return false when the server exited first or did not listen in time
     */
    boolean awaitListening(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc/net/tcp"), StandardCharsets.US_ASCII)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].equals(local) && f[3].equals("0A")) {
                        return true;
                    }
                }
                Thread.sleep(20);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** SIGTERM to the sessions and the server, SIGKILL to whatever is left after a grace period. */
    void stop() {
        List<ProcessHandle> sessions = process.descendants().toList();
        sessions.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!waitFor(STOP_GRACE)) {
            kill();
        }
        sessions.forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGKILL to the sessions and the server: connections drop without any goodbye, as in a crash. */
    void kill() {
        List<ProcessHandle> sessions = process.descendants().toList();
        sessions.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(STOP_GRACE);
        for (ProcessHandle h : sessions) {
            try {
                h.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // gone or not our concern any more
            }
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + "]";
    }
}
