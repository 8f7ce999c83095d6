package org.hl7gw.testkit.ftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real {@code lftp} as an FTPS client. Each run writes a script into the scratch folder (the login is in
 * the script, never on the command line) and runs {@code lftp -f script}:
 * <pre>
 * set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate ...
 * open ftp://127.0.0.1:PORT   (ftps:// for implicit TLS)
 * user LOGIN PASSWORD
 * ...your commands...
 * </pre>
 * {@code cmd:fail-exit} is on, so the first failing command ends lftp with a non-zero exit code, and lftp
 * retries at most once, so a refusal does not hang the test.
 */
public final class Lftp {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path scratch;
    private final Path trustedCertificate;

    /**
     * @param scratch folder for scripts and lftp's output
     * @param trustedCertificate the server's certificate to trust; null to skip certificate checks
     */
    public Lftp(Path scratch, Path trustedCertificate) {
        this.scratch = scratch;
        this.trustedCertificate = trustedCertificate;
    }

    public static boolean isInstalled() {
        return ProgramRun.isInstalled("lftp");
    }

    /** Runs the commands after logging in (settings such as {@code set ssl:priority ...} may come first). */
    public ProgramRun.Outcome run(FtpsEndpoint endpoint, String... commands) {
        return ProgramRun.run(List.of("lftp", "-f", script(endpoint, commands).toString()), scratch, TIMEOUT);
    }

    /** Starts lftp and returns at once. */
    public ProgramRun.Running start(FtpsEndpoint endpoint, String... commands) {
        return ProgramRun.start(List.of("lftp", "-f", script(endpoint, commands).toString()), scratch);
    }

    private Path script(FtpsEndpoint endpoint, String... commands) {
        List<String> lines = new ArrayList<>(List.of(
                "set cmd:fail-exit yes",
                "set net:max-retries 1",
                "set net:timeout 20",
                "set net:reconnect-interval-base 1",
                "set ftp:passive-mode true",
                "set ftp:ssl-allow true",
                "set ftp:ssl-force true",
                "set ftp:ssl-protect-data true",
                "set xfer:clobber on"));
        if (trustedCertificate != null) {
            lines.add("set ssl:verify-certificate yes");
            lines.add("set ssl:ca-file \"" + trustedCertificate + "\"");
        } else {
            lines.add("set ssl:verify-certificate no");
        }
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (String c : commands) {
            (c.startsWith("set ") && after.isEmpty() ? before : after).add(c);
        }
        lines.addAll(before);
        lines.add("open " + endpoint.baseUrl());
        lines.add("user \"" + endpoint.login() + "\" \"" + endpoint.password() + "\"");
        lines.addAll(after);
        lines.add("bye");
        try {
            Files.createDirectories(scratch);
            Path file = scratch.resolve("lftp-" + COUNTER.incrementAndGet() + ".script");
            Files.write(file, lines, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an lftp script in " + scratch, e);
        }
    }
}
