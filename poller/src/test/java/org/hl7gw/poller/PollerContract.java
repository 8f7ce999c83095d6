package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.hl7gw.core.Sha256;
import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.poller.PollReport.Disposition;
import org.hl7gw.poller.PollReport.SkipReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every poller does, whatever its protocol: each subclass points pollers at a real folder (a real SFTP or
 * FTP server on loopback, or a local folder) and writes the partner's files into it directly.
 */
abstract class PollerContract {
    @TempDir
    Path temp;

    InMemoryIntake intake;
    InMemoryPollClaims claims;
    InMemoryStatusStore status;
    Path work;
    private final Random random = new Random(20240501);

    /** A new empty folder the poller's login can read, write and delete in. */
    protected abstract Path newFolder(String name);

    /** Settings for a poller of that folder (location, login, trust); tests add the rest. */
    protected abstract PollerSettings.Builder settings(String id, Path folder);

    /** Creates a sub-folder the poller's login may write in (as a partner's own folders are). */
    protected void makeFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
    }

    @BeforeEach
    void fixture() throws IOException {
        intake = new InMemoryIntake(temp.resolve("received"));
        claims = new InMemoryPollClaims();
        status = new InMemoryStatusStore();
        work = temp.resolve("work");
    }

    Poller poller(PollerSettings settings) {
        return new Poller(settings, claims, status, intake, work, Clock.systemUTC());
    }

    Poller poller(PollerSettings settings, PollerListener listener) {
        return new Poller(settings, claims, status, intake, work, Clock.systemUTC(), listener);
    }

    /** A file of {@code size} seeded random bytes, modified {@code secondsAgo} ago (whole seconds, as FTP reports). */
    Path write(Path folder, String name, int size, long secondsAgo) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        try {
            Path file = folder.resolve(name);
            if (!Files.isDirectory(file.getParent())) {
                makeFolder(file.getParent());
            }
            Files.write(file, bytes);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(secondsAgo)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(Path folder, String name) {
        return write(folder, name, 2048, 60);
    }

    static Sha256 sha(Path file) {
        return Sha256.of(file);
    }

    static List<String> names(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> leftoverDownloads() {
        return Files.isDirectory(work) ? names(work) : List.of();
    }

    // ------------------------------------------------------------------ after-actions

    @Test
    void takesEachFileExactlyOnceAndDeletesIt() {
        Path folder = newFolder("outbound");
        Sha256 a = sha(write(folder, "a.hl7", 2048, 300));
        Sha256 b = sha(write(folder, "b.hl7", 4000, 200));
        Sha256 c = sha(write(folder, "c.hl7", 1, 100));
        Poller poller = poller(settings("nightly", folder).stableFor(Duration.ZERO).afterAction("delete").build());

        PollReport first = poller.run();

        assertThat(first.outcome()).as(first.toString()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(first.taken()).extracting(PollReport.FileReport::path).containsExactlyInAnyOrder("a.hl7", "b.hl7", "c.hl7");
        assertThat(intake.names()).containsExactly("a.hl7", "b.hl7", "c.hl7");
        assertThat(intake.received()).extracting(InMemoryIntake.Received::sha256).containsExactly(a, b, c);
        assertThat(intake.received()).allSatisfy(r -> assertThat(r.source()).isEqualTo("poller:nightly"));
        assertThat(first.taken()).allSatisfy(f -> assertThat(f.afterAction()).contains("deleted"));
        assertThat(names(folder)).isEmpty();

        PollReport second = poller.run();

        assertThat(second.outcome()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(second.files()).isEmpty();
        assertThat(intake.received()).hasSize(3);
        assertThat(claims.takenCounts().values()).containsExactly(1, 1, 1);
        assertThat(claims.held()).isEmpty();
        assertThat(leftoverDownloads()).isEmpty();
        PollerStatus st = status.status("nightly");
        assertThat(st.lastOutcome()).contains(PollOutcome.SUCCEEDED);
        assertThat(st.consecutiveFailures()).isZero();
        assertThat(st.lastRunStarted()).isPresent();
    }

    @Test
    void movesTakenFilesIntoTheArchiveFolderAndCreatesItWhenMissing() throws IOException {
        Path folder = newFolder("outbound");
        Sha256 a = sha(write(folder, "a.hl7"));
        write(folder, "b.hl7");
        Poller poller = poller(settings("mover", folder).stableFor(Duration.ZERO).afterAction("move:archive/").build());

        PollReport first = poller.run();

        assertThat(first.outcome()).as(first.toString()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(first.taken()).hasSize(2);
        assertThat(names(folder)).containsExactly("archive");
        assertThat(names(folder.resolve("archive"))).containsExactly("a.hl7", "b.hl7");
        assertThat(sha(folder.resolve("archive/a.hl7"))).isEqualTo(a);
        assertThat(first.file("a.hl7").orElseThrow().afterAction()).contains("moved to archive/a.hl7");

        // a new file with a name already in the archive: kept apart by its ledger id, never overwritten
        Sha256 newA = sha(write(folder, "a.hl7", 3000, 10));
        PollReport second = poller.run();

        assertThat(second.taken()).singleElement().satisfies(f -> assertThat(f.afterAction().orElseThrow())
                .isEqualTo("moved to archive/a.hl7." + f.fileId().getAsLong()));
        assertThat(names(folder.resolve("archive"))).containsExactly("a.hl7", "a.hl7.3", "b.hl7");
        assertThat(sha(folder.resolve("archive/a.hl7.3"))).isEqualTo(newA);
        assertThat(sha(folder.resolve("archive/a.hl7"))).isEqualTo(a);

        PollReport third = poller.run();

        assertThat(third.files()).as("the archive folder is never polled").isEmpty();
        assertThat(intake.received()).hasSize(3);
    }

    @Test
    void leavesTakenFilesInPlaceAndNeverTakesThemAgain() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        write(folder, "b.hl7");
        Poller poller = poller(settings("leaver", folder).stableFor(Duration.ZERO).afterAction("leave").build());

        PollReport first = poller.run();
        PollReport second = poller.run();
        PollReport third = poller.run();

        assertThat(first.taken()).hasSize(2).allSatisfy(f -> assertThat(f.afterAction()).contains("left in place"));
        for (PollReport later : List.of(second, third)) {
            assertThat(later.outcome()).isEqualTo(PollOutcome.SUCCEEDED);
            assertThat(later.taken()).isEmpty();
            assertThat(later.skipped(SkipReason.ALREADY_TAKEN)).extracting(PollReport.FileReport::path).containsExactly("a.hl7", "b.hl7");
        }
        assertThat(names(folder)).containsExactly("a.hl7", "b.hl7");
        assertThat(intake.received()).hasSize(2);
    }

    // ------------------------------------------------------------------ done markers

    @Test
    void takesAFileOnlyOnceItsDoneMarkerExistsAndMovesTheMarkerWithIt() throws IOException {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        Files.writeString(folder.resolve("a.hl7.done"), "");
        write(folder, "b.hl7");
        Poller poller = poller(settings("marked", folder).doneMarker(".done").afterAction("move:archive").build());

        PollReport first = poller.run();

        assertThat(first.outcome()).as(first.toString()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(first.taken()).extracting(PollReport.FileReport::path).containsExactly("a.hl7");
        assertThat(first.file("b.hl7").orElseThrow().skipReason()).contains(SkipReason.NO_DONE_MARKER);
        assertThat(first.file("a.hl7.done").orElseThrow().skipReason()).contains(SkipReason.DONE_MARKER);
        assertThat(names(folder.resolve("archive"))).containsExactly("a.hl7", "a.hl7.done");
        assertThat(names(folder)).containsExactly("archive", "b.hl7");

        Files.writeString(folder.resolve("b.hl7.done"), "");
        PollReport second = poller.run();

        assertThat(second.taken()).extracting(PollReport.FileReport::path).containsExactly("b.hl7");
        assertThat(names(folder)).containsExactly("archive");
        assertThat(names(folder.resolve("archive"))).containsExactly("a.hl7", "a.hl7.done", "b.hl7", "b.hl7.done");
        assertThat(intake.names()).containsExactly("a.hl7", "b.hl7").doesNotContain("a.hl7.done", "b.hl7.done");
    }

    @Test
    void deletesTheDoneMarkerWithItsFile() throws IOException {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        Files.writeString(folder.resolve("a.hl7.ok"), "");
        Poller poller = poller(settings("marked", folder).doneMarker(".ok").afterAction("delete").build());

        PollReport report = poller.run();

        assertThat(report.taken()).singleElement().satisfies(f -> assertThat(f.afterAction()).contains("deleted with its done marker"));
        assertThat(names(folder)).isEmpty();
    }

    // ------------------------------------------------------------------ selection and order

    @Test
    void appliesIncludeAndExcludePatternsAndNeverTakesTemporaryNames() throws IOException {
        Path folder = newFolder("outbound");
        for (String name : List.of("a.hl7", "b.txt", "c.csv", "d_TEST.hl7", "e.hl7.part", "f.tmp", "g.filepart", ".h.hl7", "sub/i.hl7")) {
            write(folder, name);
        }
        Poller poller = poller(settings("picky", folder).stableFor(Duration.ZERO).include("*.hl7", "*.txt").exclude("*_TEST*").build());

        PollReport report = poller.run();

        assertThat(report.outcome()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(intake.names()).containsExactlyInAnyOrder("a.hl7", "b.txt");
        assertThat(report.skipped(SkipReason.EXCLUDED)).extracting(PollReport.FileReport::path).containsExactlyInAnyOrder("c.csv", "d_TEST.hl7");
        assertThat(report.skipped(SkipReason.TEMPORARY_NAME)).extracting(PollReport.FileReport::path)
                .contains("e.hl7.part", "f.tmp", "g.filepart"); // some servers do not even list .h.hl7
        assertThat(report.file("sub/i.hl7")).as("not recursive").isEmpty();
        assertThat(names(folder)).contains("c.csv", "d_TEST.hl7", "e.hl7.part", "f.tmp", "g.filepart", ".h.hl7", "sub");
    }

    @Test
    void pollsSubFoldersWhenRecursiveButNeverTheMoveFolder() throws IOException {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        write(folder, "lab/b.hl7");
        write(folder, "lab/2024/c.hl7");
        write(folder, "archive/old.hl7");
        Poller poller = poller(settings("deep", folder).stableFor(Duration.ZERO).recursive(true).afterAction("move:archive").build());

        PollReport report = poller.run();

        assertThat(report.taken()).extracting(PollReport.FileReport::path).containsExactlyInAnyOrder("a.hl7", "lab/b.hl7", "lab/2024/c.hl7");
        assertThat(report.file("archive/old.hl7")).isEmpty();
        assertThat(Files.exists(folder.resolve("archive/lab/2024/c.hl7"))).isTrue();
        assertThat(Files.exists(folder.resolve("archive/lab/b.hl7"))).isTrue();
        assertThat(Files.exists(folder.resolve("archive/old.hl7"))).isTrue();
        assertThat(intake.names()).containsExactlyInAnyOrder("a.hl7", "b.hl7", "c.hl7");
    }

    @Test
    void takesTheOldestFilesFirstAndAtMostMaxFilesPerRun() {
        Path folder = newFolder("outbound");
        write(folder, "e.hl7", 100, 500);
        write(folder, "d.hl7", 100, 400);
        write(folder, "c.hl7", 100, 300);
        write(folder, "a.hl7", 100, 200); // same time as b: by name
        write(folder, "b.hl7", 100, 200);
        Poller poller = poller(settings("few", folder).stableFor(Duration.ZERO).maxFilesPerRun(2).build());

        PollReport first = poller.run();

        assertThat(first.taken()).extracting(PollReport.FileReport::path).containsExactlyInAnyOrder("e.hl7", "d.hl7");
        assertThat(first.skipped(SkipReason.OVER_MAX_FILES_PER_RUN)).extracting(PollReport.FileReport::path)
                .containsExactlyInAnyOrder("c.hl7", "a.hl7", "b.hl7");
        poller.run();
        poller.run();
        assertThat(intake.names()).containsExactly("e.hl7", "d.hl7", "c.hl7", "a.hl7", "b.hl7");
        assertThat(names(folder)).isEmpty();
    }

    // ------------------------------------------------------------------ never twice, never half-written

    @Test
    void twoPollersOnTheSameFolderAtTheSameTimeNeverTakeTheSameFileTwice() throws Exception {
        Path folder = newFolder("shared");
        int files = 30;
        for (int i = 0; i < files; i++) {
            write(folder, String.format("f%02d.hl7", i), 1500, 100 - i);
        }
        Poller one = poller(settings("node-1", folder).stableFor(Duration.ZERO).afterAction("leave").build());
        Poller two = poller(settings("node-2", folder).stableFor(Duration.ZERO).afterAction("leave").build());

        List<PollReport> reports = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                CountDownLatch start = new CountDownLatch(1);
                Future<PollReport> a = pool.submit(() -> {
                    start.await();
                    return one.run();
                });
                Future<PollReport> b = pool.submit(() -> {
                    start.await();
                    return two.run();
                });
                start.countDown();
                reports.add(a.get(2, TimeUnit.MINUTES));
                reports.add(b.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(intake.received()).hasSize(files);
        assertThat(new HashSet<>(intake.names())).hasSize(files);
        assertThat(reports.stream().mapToInt(r -> r.taken().size()).sum()).isEqualTo(files);
        assertThat(claims.takenCounts()).hasSize(files).allSatisfy((file, count) -> assertThat(count).isEqualTo(1));
        assertThat(claims.held()).isEmpty();
        assertThat(reports).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(PollOutcome.SUCCEEDED));
        assertThat(reports).allSatisfy(r -> assertThat(r.failed()).isEmpty());
    }

    @Test
    void aGrowingFileIsNotTakenUntilStableAndThenTakenWhole() throws Exception {
        Path folder = newFolder("outbound");
        Path growing = folder.resolve("growing.hl7");
        Path shadow = temp.resolve("what-the-writer-wrote");
        Files.write(growing, new byte[1024]);
        Files.write(shadow, new byte[1024]);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            byte[] chunk = new byte[2048];
            Random r = new Random(7);
            try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND);
                 OutputStream copy = Files.newOutputStream(shadow, StandardOpenOption.APPEND)) {
                for (int i = 0; i < 20; i++) {
                    r.nextBytes(chunk);
                    out.write(chunk);
                    out.flush();
                    copy.write(chunk);
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                writing.set(false);
            }
        }, "partner-writer");
        Poller poller = poller(settings("patient", folder).stableFor(Duration.ofMillis(700)).maxStabilityWait(Duration.ofSeconds(5)).build());

        writer.start();
        List<PollReport> reports = new ArrayList<>();
        while (intake.received().isEmpty() && reports.size() < 20) {
            PollReport report = poller.run();
            reports.add(report);
            if (report.taken().isEmpty()) {
                assertThat(report.file("growing.hl7").orElseThrow().skipReason()).contains(SkipReason.NOT_STABLE_YET);
            }
        }
        writer.join();

        assertThat(reports.get(0).file("growing.hl7").orElseThrow().skipReason()).as("first run, while the partner writes")
                .contains(SkipReason.NOT_STABLE_YET);
        assertThat(intake.received()).singleElement().satisfies(r -> {
            assertThat(r.size()).isEqualTo(1024 + 20 * 2048);
            assertThat(r.sha256()).isEqualTo(sha(shadow));
        });
        assertThat(writing).isFalse();
    }

    @Test
    void aFailedIntakeReleasesTheClaimAndTheNextRunTakesTheFile() {
        Path folder = newFolder("outbound");
        Sha256 a = sha(write(folder, "a.hl7"));
        Poller poller = poller(settings("retry", folder).stableFor(Duration.ZERO).build());
        intake.failNext(1);

        PollReport first = poller.run();

        assertThat(first.outcome()).isEqualTo(PollOutcome.PARTIAL);
        assertThat(first.file("a.hl7").orElseThrow().disposition()).isEqualTo(Disposition.FAILED);
        assertThat(first.file("a.hl7").orElseThrow().failure().orElseThrow()).contains("intake could not record it");
        assertThat(claims.held()).isEmpty();
        assertThat(leftoverDownloads()).isEmpty();
        assertThat(names(folder)).containsExactly("a.hl7");

        PollReport second = poller.run();

        assertThat(second.taken()).extracting(PollReport.FileReport::path).containsExactly("a.hl7");
        assertThat(intake.received()).singleElement().satisfies(r -> assertThat(r.sha256()).isEqualTo(a));
    }
}
