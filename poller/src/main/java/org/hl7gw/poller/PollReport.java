package org.hl7gw.poller;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.hl7gw.core.ByteSizes;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.poll.PollOutcome;

/**
 * What one run of a poller saw and did: each file with its size and time and what became of it, the outcome,
 * and how long the run took. {@link #lines()} is what {@code gateway poll ID --once} prints.
 *
 * @param pollerId the poller
 * @param location the folder ({@link PollerUrl#location()})
 * @param started when the run began
 * @param duration how long it took
 * @param outcome how it ended
 * @param message a one-line account: counts, or the reason of a failure (never file contents)
 * @param files every file the run saw, in listing order
 */
public record PollReport(String pollerId, String location, Instant started, Duration duration, PollOutcome outcome, String message,
                         List<FileReport> files) {
    public PollReport {
        Objects.requireNonNull(pollerId, "pollerId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        files = List.copyOf(files);
    }

    /** What became of a file. */
    public enum Disposition {
        /** Downloaded and handed to the intake; the ledger has it. */
        TAKEN,
        /** Left for another time or never to be taken (see the reason). */
        SKIPPED,
        /** A download or intake failed; the claim was released and a later run tries again. */
        FAILED
    }

    /** Why a file was skipped. */
    public enum SkipReason {
        NOT_STABLE_YET("not stable yet (size or time still changing)"),
        EXCLUDED("excluded by the include/exclude patterns"),
        NO_DONE_MARKER("no done marker yet"),
        DONE_MARKER("done marker (handled with its file)"),
        TEMPORARY_NAME("temporary name (.part, .tmp, .filepart or leading dot)"),
        NOT_A_REGULAR_FILE("not a regular file"),
        ALREADY_TAKEN("already taken"),
        CLAIMED_BY_ANOTHER_POLLER("claimed by another poller"),
        OVER_MAX_FILES_PER_RUN("over maxFilesPerRun (next run)"),
        RUN_ABORTED("not attempted: the run ended early (connection lost or interrupted)");

        private final String text;

        SkipReason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One file of the run.
     *
     * @param path path below the polled folder
     * @param size size in bytes as listed
     * @param modified modification time as listed
     * @param disposition taken, skipped or failed
     * @param skipReason why it was skipped (SKIPPED only)
     * @param failure why it failed (FAILED only)
     * @param fileId the ledger's file id (TAKEN only)
     * @param status the ledger status right after intake (TAKEN only)
     * @param afterAction what was done on the server: "deleted", "moved to archive/x.hl7", "left in place" (TAKEN only)
     * @param afterActionFailure why the after-action failed: the ledger has the file and it will not be taken again,
     *                           but it is still on the server (TAKEN only)
     */
    public record FileReport(String path, long size, Instant modified, Disposition disposition, Optional<SkipReason> skipReason,
                             Optional<String> failure, OptionalLong fileId, Optional<FileStatus> status, Optional<String> afterAction,
                             Optional<String> afterActionFailure) {
        public FileReport {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(modified, "modified");
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(skipReason, "skipReason");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(fileId, "fileId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(afterAction, "afterAction");
            Objects.requireNonNull(afterActionFailure, "afterActionFailure");
        }

        public static FileReport skipped(String path, long size, Instant modified, SkipReason reason) {
            return new FileReport(path, size, modified, Disposition.SKIPPED, Optional.of(reason), Optional.empty(), OptionalLong.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static FileReport failed(String path, long size, Instant modified, String reason) {
            return new FileReport(path, size, modified, Disposition.FAILED, Optional.empty(), Optional.of(reason), OptionalLong.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static FileReport taken(String path, long size, Instant modified, long fileId, FileStatus status, String afterAction,
                                       Optional<String> afterActionFailure) {
            return new FileReport(path, size, modified, Disposition.TAKEN, Optional.empty(), Optional.empty(), OptionalLong.of(fileId),
                    Optional.of(status), Optional.of(afterAction), afterActionFailure);
        }

        /** What happened, in a few words. */
        public String detail() {
            return switch (disposition) {
                case SKIPPED -> skipReason.map(SkipReason::text).orElse("");
                case FAILED -> failure.orElse("");
                case TAKEN -> "ledger file " + fileId.orElse(-1) + " " + status.map(Enum::name).orElse("") + "; "
                        + afterActionFailure.map(f -> "AFTER-ACTION FAILED: " + f).orElse(afterAction.orElse(""));
            };
        }
    }

    public List<FileReport> taken() {
        return with(Disposition.TAKEN);
    }

    public List<FileReport> skipped() {
        return with(Disposition.SKIPPED);
    }

    public List<FileReport> failed() {
        return with(Disposition.FAILED);
    }

    /** The skipped files with that reason. */
    public List<FileReport> skipped(SkipReason reason) {
        return files.stream().filter(f -> f.skipReason().equals(Optional.of(reason))).toList();
    }

    /** The report of one file, if the run saw it. */
    public Optional<FileReport> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    private List<FileReport> with(Disposition d) {
        return files.stream().filter(f -> f.disposition() == d).toList();
    }

    /**
     * The report for people: a headline, then one line per file.
     * <pre>
     * poll lab-nightly sftp://mainframe:22/outbound: SUCCEEDED in 1.2 s, 2 taken, 1 skipped, 0 failed
     *   TAKEN    ADT_0001.hl7   2 KB     2024-05-01T02:00:00Z  ledger file 17 QUEUED; moved to archive/ADT_0001.hl7
     *   SKIPPED  ADT_0002.hl7   1.2 KB   2024-05-01T02:00:09Z  not stable yet (size or time still changing)
     * </pre>
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "poll %s %s: %s in %.1f s, %d taken, %d skipped, %d failed%s", pollerId, location, outcome,
                duration.toMillis() / 1000.0, taken().size(), skipped().size(), failed().size(),
                message.isEmpty() ? "" : " - " + message));
        int width = files.stream().mapToInt(f -> f.path().length()).max().orElse(0);
        for (FileReport f : files) {
            out.add(String.format(Locale.ROOT, "  %-8s %-" + Math.max(width, 1) + "s  %9s  %s  %s", f.disposition(), f.path(),
                    ByteSizes.format(f.size()), f.modified().truncatedTo(ChronoUnit.SECONDS), f.detail()));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
