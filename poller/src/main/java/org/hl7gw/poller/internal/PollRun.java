package org.hl7gw.poller.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.intake.IncomingFile;
import org.hl7gw.core.intake.Intake;
import org.hl7gw.core.intake.IntakeReceipt;
import org.hl7gw.core.poll.PollClaims;
import org.hl7gw.core.poll.RemoteFile;
import org.hl7gw.poller.AfterAction;
import org.hl7gw.poller.FolderUnreachableException;
import org.hl7gw.poller.PollReport.FileReport;
import org.hl7gw.poller.PollReport.SkipReason;
import org.hl7gw.poller.PollerListener;
import org.hl7gw.poller.PollerSettings;
import org.hl7gw.poller.Stability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run over an open session: list, select, wait for stability, then for each file, oldest first: claim,
 * download to a temporary file, check it, hand it to the intake, and only then mark the claim taken and apply
 * the after-action. A failure before the intake returned releases the claim and deletes the temporary file, so
 * nothing half-downloaded enters the gateway and a later run tries again.
 */
public final class PollRun {
    private static final Logger LOG = LoggerFactory.getLogger(PollRun.class);
    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_DEPTH = 16;
    private static final int BUFFER = 128 * 1024;
    private static final long PROGRESS_STEP = 1L << 20;

    private final PollerSettings settings;
    private final FolderSession session;
    private final PollClaims claims;
    private final Intake intake;
    private final Path workDir;
    private final Clock clock;
    private final PollerListener listener;
    private final StabilityTracker tracker;
    private final NameRules rules;
    private final String id;
    private final Set<String> foldersMade = new HashSet<>();

    /** What the run did: every file it saw, and why it ended early, if it did. */
    public record Result(List<FileReport> files, Optional<String> abortedBecause) {
    }

    private record Candidate(RemoteEntry entry, RemoteFile file) {
    }

    private record Taking(FileReport report, boolean attempted, Optional<String> connectionLost) {
    }

    /** A local write failed (disk full): the file fails, the connection is fine. */
    private static final class LocalWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(String message, IOException cause) {
            super(message, cause);
        }
    }

    public PollRun(PollerSettings settings, FolderSession session, PollClaims claims, Intake intake, Path workDir, Clock clock,
                   PollerListener listener, StabilityTracker tracker, NameRules rules) {
        this.settings = settings;
        this.session = session;
        this.claims = claims;
        this.intake = intake;
        this.workDir = workDir;
        this.clock = clock;
        this.listener = listener;
        this.tracker = tracker;
        this.rules = rules;
        this.id = settings.id();
    }

    /**
     * Runs.
     *
     * @throws IOException when the polled folder itself cannot be listed (connection broken)
     * @throws FolderUnreachableException when the server refuses to list it
     */
    public Result execute() throws IOException {
        Map<String, FileReport> reports = new LinkedHashMap<>();
        List<RemoteEntry> listing = listAll(reports);
        Instant firstLook = clock.instant();
        Set<String> paths = new HashSet<>();
        listing.forEach(e -> paths.add(e.path()));

        List<Candidate> candidates = new ArrayList<>();
        for (RemoteEntry e : listing) {
            SkipReason reason = classify(e, paths);
            if (reason != null) {
                reports.put(e.path(), skipped(e, reason));
                continue;
            }
            RemoteEntry exact;
            try {
                exact = session.exact(e);
            } catch (FileRefusedException x) {
                reports.put(e.path(), FileReport.failed(e.path(), e.size(), e.modified(), x.getMessage()));
                continue;
            }
            RemoteFile file = new RemoteFile(settings.location(), e.path(), exact.size(), exact.modified());
            if (claims.wasTaken(file)) {
                reports.put(e.path(), skipped(exact, SkipReason.ALREADY_TAKEN));
                continue;
            }
            reports.put(e.path(), null); // keeps the listing order; decided below
            candidates.add(new Candidate(exact, file));
        }

        Optional<String> aborted = Optional.empty();
        List<Candidate> stable = new ArrayList<>();
        if (settings.stability() instanceof Stability.StableFor s) {
            List<Candidate> pending = new ArrayList<>();
            for (Candidate c : candidates) {
                (tracker.stable(c.entry(), firstLook, s.stableFor()) ? stable : pending).add(c);
            }
            tracker.remember(candidates.stream().map(Candidate::entry).toList(), firstLook);
            if (!pending.isEmpty() && s.waitsInRun()) {
                LOG.debug("poll {}: {} file(s) new or changed; looking again in {}", id, pending.size(), s.stableFor());
                try {
                    Thread.sleep(s.stableFor().toMillis());
                    pending = secondLook(pending, stable, candidates);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    aborted = Optional.of("interrupted while waiting for files to become stable");
                }
            }
            for (Candidate c : pending) {
                reports.put(c.file().path(), skipped(c.entry(), SkipReason.NOT_STABLE_YET));
            }
        } else {
            stable.addAll(candidates);
        }

        stable.sort(Comparator.comparing((Candidate c) -> c.file().modified()).thenComparing(c -> c.file().path()));
        int attempted = 0;
        for (Candidate c : stable) {
            if (aborted.isEmpty() && Thread.currentThread().isInterrupted()) {
                aborted = Optional.of("interrupted");
            }
            if (aborted.isPresent()) {
                reports.put(c.file().path(), skipped(c.entry(), SkipReason.RUN_ABORTED));
                continue;
            }
            if (attempted >= settings.maxFilesPerRun()) {
                reports.put(c.file().path(), skipped(c.entry(), SkipReason.OVER_MAX_FILES_PER_RUN));
                continue;
            }
            Taking t = take(c);
            reports.put(c.file().path(), t.report());
            if (t.attempted()) {
                attempted++;
            }
            if (t.connectionLost().isPresent()) {
                aborted = Optional.of("connection lost: " + t.connectionLost().get());
            }
        }
        reports.values().removeIf(r -> r == null);
        return new Result(List.copyOf(reports.values()), aborted);
    }

    /** The second look at new or changed files, stableFor after the first: unchanged ones join {@code stable}. */
    private List<Candidate> secondLook(List<Candidate> pending, List<Candidate> stable, List<Candidate> all) throws IOException {
        Map<String, RemoteEntry> now = new HashMap<>();
        for (RemoteEntry e : listAll(null)) {
            now.put(e.path(), e);
        }
        Instant look = clock.instant();
        List<Candidate> stillPending = new ArrayList<>();
        Map<String, RemoteEntry> latest = new LinkedHashMap<>();
        all.forEach(c -> latest.put(c.file().path(), c.entry()));
        for (Candidate c : pending) {
            RemoteEntry again = now.get(c.file().path());
            if (again != null && again.kind() == RemoteEntry.Kind.FILE) {
                try {
                    again = session.exact(again);
                } catch (FileRefusedException e) {
                    again = null;
                }
            }
            if (again != null && again.kind() == RemoteEntry.Kind.FILE && again.sameAs(c.entry())) {
                stable.add(c);
            } else {
                stillPending.add(c);
                if (again == null) {
                    latest.remove(c.file().path());
                } else {
                    latest.put(c.file().path(), again);
                }
            }
        }
        tracker.remember(latest.values(), look);
        return stillPending;
    }

    private SkipReason classify(RemoteEntry e, Set<String> paths) {
        if (e.kind() != RemoteEntry.Kind.FILE) {
            return SkipReason.NOT_A_REGULAR_FILE;
        }
        if (rules.temporary(e.path())) {
            return SkipReason.TEMPORARY_NAME;
        }
        if (rules.marker(e.path())) {
            return SkipReason.DONE_MARKER;
        }
        if (!rules.selected(e.path())) {
            return SkipReason.EXCLUDED;
        }
        if (rules.markerSuffix().isPresent() && !paths.contains(e.path() + rules.markerSuffix().get())) {
            return SkipReason.NO_DONE_MARKER;
        }
        return null;
    }

    private List<RemoteEntry> listAll(Map<String, FileReport> reports) throws IOException {
        List<RemoteEntry> out = new ArrayList<>();
        Deque<Map.Entry<String, Integer>> todo = new ArrayDeque<>();
        todo.add(Map.entry("", 0));
        while (!todo.isEmpty()) {
            Map.Entry<String, Integer> folder = todo.poll();
            List<RemoteEntry> entries;
            try {
                entries = new ArrayList<>(session.list(folder.getKey()));
            } catch (FileRefusedException e) {
                if (folder.getKey().isEmpty()) {
                    throw new FolderUnreachableException(e.getMessage(), e);
                }
                if (reports != null) {
                    LOG.warn("poll {}: {}", id, e.getMessage());
                    reports.put(folder.getKey() + "/", FileReport.failed(folder.getKey() + "/", 0, Instant.EPOCH, e.getMessage()));
                }
                continue;
            }
            entries.sort(Comparator.comparing(RemoteEntry::path));
            for (RemoteEntry e : entries) {
                if (e.kind() == RemoteEntry.Kind.FOLDER) {
                    if (rules.descendInto(e.path()) && folder.getValue() < MAX_DEPTH) {
                        todo.add(Map.entry(e.path(), folder.getValue() + 1));
                    }
                    continue;
                }
                if (rules.underMoveFolder(e.path())) {
                    continue;
                }
                if (out.size() >= MAX_ENTRIES) {
                    LOG.warn("poll {}: more than {} entries; the rest is left for later runs", id, MAX_ENTRIES);
                    return out;
                }
                out.add(e);
            }
        }
        return out;
    }

    private Taking take(Candidate c) {
        RemoteFile file = c.file();
        Optional<PollClaims.Claim> claim = claims.claim(id, file);
        if (claim.isEmpty()) {
            SkipReason reason = claims.wasTaken(file) ? SkipReason.ALREADY_TAKEN : SkipReason.CLAIMED_BY_ANOTHER_POLLER;
            return new Taking(skipped(c.entry(), reason), false, Optional.empty());
        }
        Path temp = null;
        IntakeReceipt receipt;
        String step = "create a temporary file in " + workDir;
        try {
            temp = Files.createTempFile(workDir, "poll-" + id + "-", ".download");
            step = "download";
            download(file, temp);
            step = "check";
            checkUnchanged(file);
            step = "intake";
            receipt = intake.accept(new IncomingFile(FileSource.poller(id), Paths.name(file.path()), temp));
            if (receipt == null) {
                throw new IllegalStateException("the intake returned no receipt");
            }
        } catch (IOException | RuntimeException e) {
            release(claim.get());
            deleteQuietly(temp);
            boolean remote = (step.equals("download") || step.equals("check")) && e instanceof IOException
                    && !(e instanceof FileRefusedException) && !(e instanceof LocalWriteException);
            String reason = switch (step) {
                case "download", "check" -> remote ? "connection lost while downloading: " + message(e) : message(e);
                case "intake" -> "the intake could not record it (the claim is released, a later run retries): " + message(e);
                default -> "cannot " + step + ": " + message(e);
            };
            LOG.warn("poll {}: {} failed: {}", id, file.path(), reason);
            return new Taking(FileReport.failed(file.path(), file.size(), file.modified(), reason), true,
                    remote ? Optional.of(message(e)) : Optional.empty());
        }

        List<String> problems = new ArrayList<>();
        try {
            claims.taken(claim.get(), receipt.sha256(), receipt.fileId());
        } catch (RuntimeException e) {
            LOG.error("poll {}: {} is ledger file {} but the claim store did not record it as taken", id, file.path(), receipt.fileId(), e);
            problems.add("the claim store did not record it as taken (" + message(e) + ")");
        }
        deleteQuietly(temp);
        String done = "";
        Optional<String> lost = Optional.empty();
        try {
            done = afterAction(file, receipt.fileId(), problems);
        } catch (FileRefusedException e) {
            problems.add(e.getMessage());
        } catch (IOException e) {
            problems.add("connection lost: " + message(e));
            lost = Optional.of(message(e));
        }
        Optional<String> problem = problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
        if (problem.isPresent()) {
            LOG.warn("poll {}: took {} as ledger file {} ({}) but the after-action {} failed: {}", id, file.path(), receipt.fileId(),
                    receipt.status(), settings.afterAction(), problem.get());
        } else {
            LOG.info("poll {}: took {} ({} bytes, sha256 {}) as ledger file {} ({}); {}", id, file.path(), file.size(),
                    receipt.sha256().shortForm(), receipt.fileId(), receipt.status(), done);
        }
        return new Taking(FileReport.taken(file.path(), file.size(), file.modified(), receipt.fileId(), receipt.status(), done, problem),
                true, lost);
    }

    /**
     * Streams the file into {@code temp}; fails if it is longer than listed (at once) or shorter (after closing
     * the stream, so that a broken connection shows as such rather than as a short file).
     */
    private void download(RemoteFile file, Path temp) throws IOException {
        long expected = file.size();
        long total = 0;
        long nextProgress = PROGRESS_STEP;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = session.open(file.path()); OutputStream out = Files.newOutputStream(temp)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (n == 0) {
                    continue;
                }
                total += n;
                if (total > expected) {
                    throw new FileRefusedException("it grew during the download (more than the " + expected + " bytes listed); a later run retries");
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new LocalWriteException("cannot write " + temp + ": " + message(e), e);
                }
                if (total >= nextProgress) {
                    listener.downloading(file, total);
                    nextProgress = total + PROGRESS_STEP;
                }
            }
        }
        if (total != expected) {
            throw new FileRefusedException("downloaded " + total + " of " + expected + " bytes (the file shrank or the transfer broke off)");
        }
        listener.downloading(file, total);
    }

    /** The file on the server still has the listed size and time (it was not being written during the download). */
    private void checkUnchanged(RemoteFile file) throws IOException {
        Optional<RemoteEntry> now = session.stat(file.path());
        if (now.isEmpty()) {
            throw new FileRefusedException("it disappeared during the download");
        }
        if (now.get().size() != file.size() || !now.get().modified().equals(file.modified())) {
            throw new FileRefusedException("it changed during the download (size " + file.size() + " -> " + now.get().size() + ", modified "
                    + file.modified() + " -> " + now.get().modified() + "); a later run retries");
        }
    }

    private String afterAction(RemoteFile file, long fileId, List<String> problems) throws IOException {
        String path = file.path();
        Optional<String> marker = rules.markerSuffix().map(s -> path + s);
        AfterAction action = settings.afterAction();
        if (action instanceof AfterAction.Delete) {
            session.delete(path);
            if (marker.isPresent()) {
                try {
                    session.delete(marker.get());
                } catch (FileRefusedException e) {
                    problems.add("its done marker: " + e.getMessage());
                }
                return "deleted with its done marker";
            }
            return "deleted";
        }
        if (action instanceof AfterAction.Move move) {
            String target = Paths.join(move.folder(), path);
            String folder = Paths.parent(target);
            if (foldersMade.add(folder)) {
                session.createFolders(folder);
            }
            if (session.stat(target).isPresent()) {
                target = target + "." + fileId;
            }
            session.rename(path, target);
            if (marker.isPresent()) {
                try {
                    session.rename(marker.get(), target + rules.markerSuffix().get());
                } catch (FileRefusedException e) {
                    problems.add("its done marker: " + e.getMessage());
                }
                return "moved to " + target + " with its done marker";
            }
            return "moved to " + target;
        }
        return marker.isPresent() ? "left in place with its done marker" : "left in place";
    }

    private void release(PollClaims.Claim claim) {
        try {
            claims.release(claim);
        } catch (RuntimeException e) {
            LOG.error("poll {}: cannot release the claim on {}; it stays claimed until the claim store releases it", id, claim.file().path(), e);
        }
    }

    private static FileReport skipped(RemoteEntry e, SkipReason reason) {
        return FileReport.skipped(e.path(), e.size(), e.modified(), reason);
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("cannot delete temporary file {}: {}", temp, e.toString());
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
