package org.hl7gw.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.poll.PollClaims;
import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.core.poll.RemoteFile;
import org.hl7gw.ledger.archive.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pollers' claims and statuses, and retention, on the ledger's H2 database. */
class PollerTablesTest {
    @TempDir
    Path dataDir;
    LedgerDatabase db;

    @BeforeEach
    void open() {
        db = LedgerDatabase.open(LedgerSettings.h2(dataDir));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static RemoteFile file(String path) {
        return new RemoteFile("sftp://mainframe:22/out", path, 1234, Instant.parse("2026-11-21T02:00:00Z"));
    }

    @Test
    void aTakenFileIsNeverClaimedAgainByAnyPoller() {
        JdbcPollClaims claims = new JdbcPollClaims(db, Clock.systemUTC(), Duration.ofMinutes(30));
        PollClaims.Claim c = claims.claim("a", file("x.hl7")).orElseThrow();
        assertThat(claims.claim("b", file("x.hl7"))).isEmpty();
        claims.taken(c, Sha256.of(new byte[] {1}), 7);

        assertThat(claims.claim("a", file("x.hl7"))).isEmpty();
        assertThat(claims.claim("b", file("x.hl7"))).isEmpty();
        assertThat(claims.wasTaken(file("x.hl7"))).isTrue();
        // a new file under the same name (other size or time) is another file
        assertThat(claims.claim("a", new RemoteFile("sftp://mainframe:22/out", "x.hl7", 99, Instant.now()))).isPresent();
    }

    @Test
    void aReleasedClaimCanBeClaimedAgain() {
        JdbcPollClaims claims = new JdbcPollClaims(db, Clock.systemUTC(), Duration.ofMinutes(30));
        PollClaims.Claim c = claims.claim("a", file("y.hl7")).orElseThrow();
        claims.release(c);
        assertThat(claims.wasTaken(file("y.hl7"))).isFalse();
        assertThat(claims.claim("b", file("y.hl7"))).isPresent();
    }

    @Test
    void aClaimAbandonedByADeadPollerIsTakenOverAfterAWhile() {
        Instant t0 = Instant.parse("2026-11-22T00:00:00Z");
        new JdbcPollClaims(db, Clock.fixed(t0, ZoneOffset.UTC), Duration.ofMinutes(30)).claim("dead", file("z.hl7")).orElseThrow();

        assertThat(new JdbcPollClaims(db, Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC), Duration.ofMinutes(30)).claim("b", file("z.hl7"))).isEmpty();
        assertThat(new JdbcPollClaims(db, Clock.fixed(t0.plus(Duration.ofMinutes(31)), ZoneOffset.UTC), Duration.ofMinutes(30))
                .claim("b", file("z.hl7"))).isPresent();
    }

    @Test
    void manyPollersRacingForTheSameFilesGetEachFileOnce() throws Exception {
        JdbcPollClaims claims = new JdbcPollClaims(db, Clock.systemUTC(), Duration.ofMinutes(30));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            String poller = "p" + p;
            results.add(pool.submit((Callable<Integer>) () -> {
                int won = 0;
                for (int i = 0; i < 50; i++) {
                    if (claims.claim(poller, file("f" + i + ".hl7")).isPresent()) {
                        won++;
                    }
                }
                return won;
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(50);
    }

    @Test
    void aPollersStatusIsKept() {
        JdbcPollerStatusStore store = new JdbcPollerStatusStore(db);
        assertThat(store.status("m")).isEqualTo(PollerStatus.never("m"));
        PollerStatus s = new PollerStatus("m", Optional.of(Instant.parse("2026-11-22T02:30:00Z")), Optional.of(PollOutcome.FAILED),
                "connection refused", 3, Optional.of(Instant.parse("2026-11-22T03:00:00Z")));
        store.save(s);
        store.save(s);
        assertThat(store.status("m")).isEqualTo(s);
    }

    @Test
    void retentionForgetsOnlyFinishedFilesOlderThanTheCutoffAndTheirOriginals() throws Exception {
        JdbcLedger ledger = new JdbcLedger(db);
        Archive archive = Archive.in(dataDir);
        Path a = Files.writeString(dataDir.resolve("a.hl7"), "old and done");
        Path b = Files.writeString(dataDir.resolve("b.hl7"), "still waiting");
        var oldFile = ledger.receive(new NewFile(FileSource.cli(), "a.hl7", 12, archive.store(a).sha256(), Instant.now(), "lis"));
        ledger.markInvalid(oldFile.id(), "broken");
        var waiting = ledger.receive(new NewFile(FileSource.cli(), "b.hl7", 13, archive.store(b).sha256(), Instant.now(), "lis"));

        LedgerRetention.Purged none = new LedgerRetention(db, archive).purgeFinishedBefore(Instant.now().minus(Duration.ofDays(1)));
        assertThat(none.files()).isZero();

        LedgerRetention.Purged purged = new LedgerRetention(db, archive).purgeFinishedBefore(Instant.now().plusSeconds(1));
        assertThat(purged.files()).isEqualTo(1);
        assertThat(purged.archivedOriginals()).isEqualTo(1);
        assertThat(ledger.file(oldFile.id())).isEmpty();
        assertThat(archive.contains(oldFile.sha256())).isFalse();
        assertThat(ledger.file(waiting.id())).get().extracting(FileRecord::status).isEqualTo(FileStatus.RECEIVED);
        assertThat(archive.contains(waiting.sha256())).isTrue();
    }
}
