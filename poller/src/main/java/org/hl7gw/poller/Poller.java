package org.hl7gw.poller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hl7gw.core.GatewayException;
import org.hl7gw.core.intake.Intake;
import org.hl7gw.core.poll.PollClaims;
import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.core.poll.PollerStatusStore;
import org.hl7gw.poller.PollReport.Disposition;
import org.hl7gw.poller.PollReport.FileReport;
import org.hl7gw.poller.internal.CircuitBreaker;
import org.hl7gw.poller.internal.FolderSession;
import org.hl7gw.poller.internal.NameRules;
import org.hl7gw.poller.internal.PollRun;
import org.hl7gw.poller.internal.RemoteFolder;
import org.hl7gw.poller.internal.RemoteFolders;
import org.hl7gw.poller.internal.StabilityTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches files from one folder (SFTP, FTP/FTPS or local) into the gateway, one {@link #run()} at a time. The
 * scheduler decides when to run; this class decides what to take.
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li><b>Never twice.</b> Each file is claimed in {@link PollClaims} before it is downloaded, keyed by the folder's
 *     location, its path, size and time; a claim that another poller holds, or one that ended in the ledger, is
 *     not granted. So two pollers pointed at the same folder (on two gateway nodes) never take the same file,
 *     and a file left in place ({@code leave}) is never taken again.</li>
 * <li><b>Never half-written.</b> A file is taken only when {@link Stability stable} (size and time unchanged for
 *     {@code stableFor}, or its done marker present), the download must have exactly the listed size, and the
 *     file on the server must still have the listed size and time after the download.</li>
 * <li><b>After-action last.</b> Delete, move or leave happens only after {@link Intake#accept} returned (the
 *     ledger has the file) and the claim is marked taken. A failure before that releases the claim, deletes the
 *     temporary download and leaves the file on the server for a later run. If the after-action itself fails, the
 *     claim stays taken, so the file is not taken again, and the run is PARTIAL.</li>
 * </ul>
 *
 * <h2>Outcomes and the circuit breaker</h2>
 * FAILED when the server could not be reached, logged into or listed, or the connection dropped before any file
 * was taken; PARTIAL when some file failed or an after-action failed; SUCCEEDED otherwise. FAILED runs count
 * towards the {@link CircuitBreakerPolicy circuit breaker}; while it is open, runs return SKIPPED_CIRCUIT_OPEN
 * without contacting the server. Every run updates the {@link PollerStatusStore}.
 *
 * <p>Downloads go to temporary files in the work folder, which must be on the same file system as the intake's
 * archive for the intake to move rather than copy them. {@link #run()} is serialized per poller; one object per
 * configured poller, kept for the life of the service (it remembers the previous run's look at each file).
 */
public final class Poller {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final PollerSettings settings;
    private final PollClaims claims;
    private final PollerStatusStore statusStore;
    private final Intake intake;
    private final Path workDir;
    private final Clock clock;
    private final PollerListener listener;
    private final RemoteFolder folder;
    private final NameRules rules;
    private final CircuitBreaker breaker;
    private final StabilityTracker tracker = new StabilityTracker();

    public Poller(PollerSettings settings, PollClaims claims, PollerStatusStore statusStore, Intake intake, Path workDir, Clock clock) {
        this(settings, claims, statusStore, intake, workDir, clock, PollerListener.NONE);
    }

    /**
     * @param workDir folder for temporary downloads (created if missing)
     * @param listener progress hooks
     */
    public Poller(PollerSettings settings, PollClaims claims, PollerStatusStore statusStore, Intake intake, Path workDir, Clock clock,
                  PollerListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.statusStore = Objects.requireNonNull(statusStore, "statusStore");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the poller's work folder " + workDir, e);
        }
        this.folder = RemoteFolders.of(settings);
        this.rules = new NameRules(settings.selection(), settings.stability(), settings.afterAction());
        this.breaker = new CircuitBreaker(settings.circuitBreaker());
    }

    public PollerSettings settings() {
        return settings;
    }

    /** Performs one run: see the class description. Never throws for server or file problems: they are in the report. */
    public synchronized PollReport run() {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        PollerStatus before = statusStore.status(settings.id());
        if (before.circuitOpen(started)) {
            return skip(before, started, t0);
        }
        if (settings.insecure()) {
            LOG.warn("poll {}: {} is polled insecurely ({}): anyone in the middle could read or change the files", settings.id(), folder.describe(),
                    settings.ssh().insecureAcceptAnyHostKey() ? "insecureAcceptAnyHostKey" : "insecureTrustAnyCertificate");
        }
        List<FileReport> files = List.of();
        Optional<String> failure = Optional.empty();
        Optional<String> aborted = Optional.empty();
        try (FolderSession session = folder.open()) {
            PollRun.Result result = new PollRun(settings, session, claims, intake, workDir, clock, listener, tracker, rules).execute();
            files = result.files();
            aborted = result.abortedBecause();
        } catch (GatewayException e) {
            failure = Optional.of(e.getMessage());
        } catch (IOException e) {
            failure = Optional.of("cannot list " + settings.url().path() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("poll {}: unexpected failure", settings.id(), e);
            failure = Optional.of("unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        PollOutcome outcome = outcome(files, failure, aborted);
        String message = message(files, failure, aborted);
        Instant ended = clock.instant();
        PollReport report = new PollReport(settings.id(), settings.location(), started, Duration.ofNanos(System.nanoTime() - t0), outcome, message, files);
        PollerStatus after = breaker.after(before, started, ended, outcome, message);
        save(after);
        log(report, after);
        listener.runFinished(report);
        return report;
    }

    private PollReport skip(PollerStatus before, Instant started, long t0) {
        Instant until = before.circuitOpenUntil().orElseThrow();
        String message = before.lastOutcome().equals(Optional.of(PollOutcome.SKIPPED_CIRCUIT_OPEN))
                ? before.lastMessage() // already says why
                : "circuit open until " + until + " after " + before.consecutiveFailures() + " failed runs in a row; last failure: " + before.lastMessage();
        PollReport report = new PollReport(settings.id(), settings.location(), started, Duration.ofNanos(System.nanoTime() - t0),
                PollOutcome.SKIPPED_CIRCUIT_OPEN, message, List.of());
        save(breaker.skipped(before, started, message));
        LOG.info("poll {}: skipped, {}", settings.id(), message);
        listener.runFinished(report);
        return report;
    }

    private void save(PollerStatus status) {
        try {
            statusStore.save(status);
        } catch (RuntimeException e) {
            LOG.error("poll {}: cannot save the poller status", settings.id(), e);
        }
    }

    private static PollOutcome outcome(List<FileReport> files, Optional<String> failure, Optional<String> aborted) {
        if (failure.isPresent()) {
            return PollOutcome.FAILED;
        }
        boolean anyTaken = files.stream().anyMatch(f -> f.disposition() == Disposition.TAKEN);
        if (aborted.isPresent()) {
            return anyTaken ? PollOutcome.PARTIAL : PollOutcome.FAILED;
        }
        boolean anyProblem = files.stream().anyMatch(f -> f.disposition() == Disposition.FAILED || f.afterActionFailure().isPresent());
        return anyProblem ? PollOutcome.PARTIAL : PollOutcome.SUCCEEDED;
    }

    private static String message(List<FileReport> files, Optional<String> failure, Optional<String> aborted) {
        if (failure.isPresent()) {
            return oneLine(failure.get());
        }
        long taken = files.stream().filter(f -> f.disposition() == Disposition.TAKEN).count();
        long skipped = files.stream().filter(f -> f.disposition() == Disposition.SKIPPED).count();
        long failed = files.stream().filter(f -> f.disposition() == Disposition.FAILED).count();
        StringBuilder b = new StringBuilder().append(taken).append(" taken, ").append(skipped).append(" skipped, ").append(failed).append(" failed");
        files.stream().filter(f -> f.disposition() == Disposition.FAILED).findFirst()
                .ifPresent(f -> b.append("; ").append(f.path()).append(": ").append(f.failure().orElse("")));
        files.stream().filter(f -> f.afterActionFailure().isPresent()).findFirst()
                .ifPresent(f -> b.append("; after-action failed for ").append(f.path()).append(": ").append(f.afterActionFailure().get()));
        aborted.ifPresent(a -> b.append(b.indexOf(a.replaceFirst("^connection lost: ", "")) >= 0 ? "; the run ended there" : "; run ended early: " + a));
        return oneLine(b.toString());
    }

    /** Status messages are one line of at most 1000 characters (server replies may span lines). */
    private static String oneLine(String text) {
        String line = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return line.length() <= 1000 ? line : line.substring(0, 997) + "...";
    }

    private void log(PollReport report, PollerStatus after) {
        switch (report.outcome()) {
            case SUCCEEDED -> LOG.info("poll {}: {}", settings.id(), report.message());
            case PARTIAL -> LOG.warn("poll {}: PARTIAL: {}", settings.id(), report.message());
            default -> LOG.warn("poll {}: FAILED ({} in a row): {}{}", settings.id(), after.consecutiveFailures(), report.message(),
                    after.circuitOpenUntil().map(u -> "; circuit open until " + u + ", runs are skipped until then").orElse(""));
        }
    }
}
