package org.hl7gw.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.AttemptOutcome;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.delivery.QueuePosition;
import org.hl7gw.core.delivery.Settlement;
import org.hl7gw.core.intake.FileSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every ledger database must do. {@code H2LedgerTest} runs it on an H2 file database; a PostgreSQL
 * subclass only has to implement {@link #openDatabase()}.
 */
abstract class LedgerContractTest {

    /** Short delays so tests do not wait for group commits; the buffer sizes are the defaults unless a test says. */
    static final JournalSettings FAST = JournalSettings.DEFAULTS.withMaxDelay(Duration.ofMillis(5))
            .withRetry(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));

    protected LedgerDatabase db;
    protected JdbcLedger ledger;
    private final List<GroupCommitJournal> journals = new ArrayList<>();
    private int files;

    /**
     * Opens the database under test: empty at the first call in a test, the same database (with what was written
     * to it) when called again after {@link LedgerDatabase#close()}.
     */
    protected abstract LedgerDatabase openDatabase();

    @BeforeEach
    void openLedger() {
        db = openDatabase();
        ledger = new JdbcLedger(db);
    }

    @AfterEach
    void closeLedger() {
        for (GroupCommitJournal j : journals) {
            try {
                j.close();
            } catch (JournalException e) {
                // a test that made the journal fail has checked what it wanted
            }
        }
        db.close();
    }

    protected void reopen() {
        db.close();
        db = openDatabase();
        ledger = new JdbcLedger(db);
    }

    // ------------------------------------------------------------------ fixtures

    protected static Sha256 sha(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    protected FileRecord receive(FileSource source, String content, String destination) {
        files++;
        return ledger.receive(new NewFile(source, "file-" + files + ".hl7", content.length(), sha(content),
                Instant.parse("2024-03-01T10:15:30.123456789Z").plusSeconds(files), destination));
    }

    protected FileRecord receive(String destination) {
        return receive(FileSource.partner("acme"), "content " + (files + 1), destination);
    }

    protected static NewMessage message(int seq) {
        return new NewMessage(seq, 1 + (seq - 1) / 100, ControlId.of("CTL" + seq), "ORU^R01^ORU_R01", "LAB", "GENERAL HOSPITAL",
                800 + seq % 100, sha("message " + seq), 1000L * seq);
    }

    protected FileRecord queued(String destination, int messages) {
        FileRecord file = receive(destination);
        try (MessageStager stager = ledger.stage(file.id())) {
            for (int i = 1; i <= messages; i++) {
                stager.add(message(i));
            }
            return stager.queue(Math.max(1, (messages + 99) / 100), List.of());
        }
    }

    protected List<OutboundMessage> allPending(String destination) {
        List<OutboundMessage> all = new ArrayList<>();
        QueuePosition position = QueuePosition.START;
        while (true) {
            List<OutboundMessage> page = ledger.pending(destination, position, 500);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            position = page.get(page.size() - 1).position();
        }
    }

    protected GroupCommitJournal journal(JournalSettings settings) {
        GroupCommitJournal j = new GroupCommitJournal(db, settings);
        journals.add(j);
        return j;
    }

    protected static AttemptRecord attempt(OutboundMessage m, int number, AttemptOutcome outcome, String detail) {
        return new AttemptRecord(m.messageId(), m.fileId(), number, Instant.parse("2024-03-01T11:00:00Z").plusSeconds(number),
                outcome, Duration.ofMillis(12), detail);
    }

    protected static void deliver(GroupCommitJournal j, OutboundMessage m) {
        j.attempt(attempt(m, m.attempts() + 1, AttemptOutcome.AA, null));
        j.settle(new Settlement(m.messageId(), m.fileId(), MessageStatus.DELIVERED, m.attempts() + 1, AckCode.AA, null));
    }

    protected static void fail(GroupCommitJournal j, OutboundMessage m) {
        j.attempt(attempt(m, m.attempts() + 1, AttemptOutcome.TIMEOUT, "no ACK within 30s"));
        j.settle(new Settlement(m.messageId(), m.fileId(), MessageStatus.FAILED, m.attempts() + 1, null, "ACK timeout"));
    }

    protected static void reject(GroupCommitJournal j, OutboundMessage m) {
        j.attempt(attempt(m, m.attempts() + 1, AttemptOutcome.AR, "MSA-3: unknown patient"));
        j.settle(new Settlement(m.messageId(), m.fileId(), MessageStatus.REJECTED, m.attempts() + 1, AckCode.AR, "rejected (AR)"));
    }

    protected FileRecord reload(FileRecord f) {
        return ledger.file(f.id()).orElseThrow();
    }

    /** The counts invariant, checked against the message rows themselves. */
    protected void assertCountsExact(FileRecord f) {
        Map<MessageStatus, Long> rows = ledger.messageCounts(f.id());
        assertThat(f.delivered()).isEqualTo(rows.get(MessageStatus.DELIVERED).intValue());
        assertThat(f.rejected()).isEqualTo(rows.get(MessageStatus.REJECTED).intValue());
        assertThat(f.failed()).isEqualTo(rows.get(MessageStatus.FAILED).intValue());
        assertThat(f.pending()).isEqualTo(rows.get(MessageStatus.PENDING).intValue());
        assertThat(f.messages()).isEqualTo(rows.values().stream().mapToLong(Long::longValue).sum());
        assertThat(f.pending()).isEqualTo(f.messages() - f.delivered() - f.rejected() - f.failed());
    }

    protected int sql(String statement) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        } catch (SQLException e) {
            throw new AssertionError(statement, e);
        }
    }

    protected long count(String query) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(query, e);
        }
    }

    // ------------------------------------------------------------------ schema and intake

    @Test
    void reopeningKeepsTheDataAndAppliesNoMigrationTwice() {
        FileRecord f = receive("lab");
        reopen();
        reopen();
        assertThat(ledger.file(f.id())).contains(f);
        assertThat(count("SELECT COUNT(*) FROM \"ledger_schema_history\" WHERE \"success\" = TRUE AND \"version\" = '1'")).isEqualTo(1);
    }

    @Test
    void aReceivedFileIsRecordedWithWhatWasKnownAboutIt() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        FileRecord f = ledger.receive(new NewFile(FileSource.poller("mainframe"), "ADT_20240301.hl7", 12345, sha("x"),
                Instant.parse("2024-03-01T10:15:30.123456789Z"), "emr"));

        assertThat(f.id()).isPositive();
        assertThat(f.source()).isEqualTo(FileSource.poller("mainframe"));
        assertThat(f.originalName()).isEqualTo("ADT_20240301.hl7");
        assertThat(f.size()).isEqualTo(12345);
        assertThat(f.sha256()).isEqualTo(sha("x"));
        assertThat(f.receivedAt()).isEqualTo(Instant.parse("2024-03-01T10:15:30.123456Z"));
        assertThat(f.status()).isEqualTo(FileStatus.RECEIVED);
        assertThat(f.destination()).isEqualTo("emr");
        assertThat(f.messages()).isZero();
        assertThat(f.pending()).isZero();
        assertThat(f.error()).isNull();
        assertThat(f.decryption()).isNull();
        assertThat(f.finishedAt()).isNull();
        assertThat(f.updatedAt()).isAfterOrEqualTo(before);
        assertThat(ledger.receive(new NewFile(FileSource.cli(), "b", 1, sha("y"), Instant.now(), "emr")).id()).isGreaterThan(f.id());
    }

    @Test
    void theSameBytesFromTheSameSourceHaveAnEarlierCopy() {
        FileRecord first = receive(FileSource.partner("acme"), "same bytes", "lab");
        FileRecord second = receive(FileSource.partner("acme"), "same bytes", "lab");

        assertThat(ledger.earlierCopy(second.source(), second.sha256(), second.id())).map(FileRecord::id).contains(first.id());
        assertThat(ledger.earlierCopy(first.source(), first.sha256(), first.id())).as("nothing came before the first").isEmpty();
    }

    @Test
    void theSameBytesFromAnotherSourceAreNotADuplicate() {
        receive(FileSource.partner("acme"), "same bytes", "lab");
        receive(FileSource.poller("acme"), "same bytes", "lab");
        FileRecord other = receive(FileSource.partner("globex"), "same bytes", "lab");

        assertThat(ledger.earlierCopy(other.source(), other.sha256(), other.id())).isEmpty();
    }

    @Test
    void aDuplicateIsNeverTheOriginalOfALaterCopy() {
        FileRecord first = receive(FileSource.partner("acme"), "same bytes", "lab");
        FileRecord second = receive(FileSource.partner("acme"), "same bytes", "lab");
        ledger.markDuplicate(second.id(), first.id());
        ledger.markInvalid(first.id(), "cannot decrypt: no secret key for 0x1234ABCD");
        FileRecord third = receive(FileSource.partner("acme"), "same bytes", "lab");

        assertThat(ledger.earlierCopy(third.source(), third.sha256(), third.id()))
                .as("an INVALID earlier copy still counts, a DUPLICATE never does").map(FileRecord::id).contains(first.id());
    }

    @Test
    void markingADuplicateRecordsTheOriginalAndFinishesTheFile() {
        FileRecord first = receive(FileSource.partner("acme"), "same bytes", "lab");
        FileRecord second = receive(FileSource.partner("acme"), "same bytes", "lab");

        ledger.markDuplicate(second.id(), first.id());

        FileRecord dup = reload(second);
        assertThat(dup.status()).isEqualTo(FileStatus.DUPLICATE);
        assertThat(dup.duplicateOf()).isEqualTo(first.id());
        assertThat(dup.finishedAt()).isNotNull();
        assertThatThrownBy(() -> ledger.markDuplicate(second.id(), first.id()))
                .isInstanceOf(FileStateException.class).hasMessageContaining("DUPLICATE");
        assertThatThrownBy(() -> ledger.markDuplicate(first.id(), 9999)).isInstanceOf(UnknownFileException.class);
    }

    @Test
    void anInvalidFileKeepsItsReasonAndLosesItsStagedMessages() {
        FileRecord f = receive("lab");
        MessageStager stager = ledger.stage(f.id());
        for (int i = 1; i <= 2500; i++) {
            stager.add(message(i));
        }

        ledger.markInvalid(f.id(), "BTS-1 says 3 messages, the batch has 2");
        stager.close();

        FileRecord invalid = reload(f);
        assertThat(invalid.status()).isEqualTo(FileStatus.INVALID);
        assertThat(invalid.error()).isEqualTo("BTS-1 says 3 messages, the batch has 2");
        assertThat(invalid.finishedAt()).isNotNull();
        assertThat(count("SELECT COUNT(*) FROM messages WHERE file_id = " + f.id())).isZero();
        assertThatThrownBy(() -> ledger.markInvalid(f.id(), "again")).isInstanceOf(FileStateException.class);
    }

    @Test
    void decryptionDetailsAreKeptWithTheFile() {
        FileRecord f = receive("lab");

        ledger.recordDecryption(f.id(), new DecryptionRecord("1234ABCD5678EF90", "AAAABBBBCCCCDDDDEEEEFFFF1234ABCD5678EF90",
                "AES256, ZLIB, SHA256, MDC", "signing key expired 2024-01-01"));

        assertThat(reload(f).decryption()).isEqualTo(new DecryptionRecord("1234ABCD5678EF90",
                "AAAABBBBCCCCDDDDEEEEFFFF1234ABCD5678EF90", "AES256, ZLIB, SHA256, MDC", "signing key expired 2024-01-01"));
    }

    // ------------------------------------------------------------------ staging

    @Test
    void stagingAHundredThousandMessagesQueuesTheFileWithExactCounts() {
        FileRecord f = receive("lab");
        FileRecord queued;
        try (MessageStager stager = ledger.stage(f.id())) {
            for (int i = 1; i <= 100_000; i++) {
                stager.add(message(i));
            }
            assertThat(stager.count()).isEqualTo(100_000);
            queued = stager.queue(1000, List.of("BTS-1 says 99999 messages, the batch has 100000 (accepted: warn policy)"));
        }

        assertThat(queued.status()).isEqualTo(FileStatus.QUEUED);
        assertThat(queued.messages()).isEqualTo(100_000);
        assertThat(queued.pending()).isEqualTo(100_000);
        assertThat(queued.batches()).isEqualTo(1000);
        assertThat(queued.warnings()).contains("accepted: warn policy");
        assertThat(queued.finishedAt()).isNull();
        assertCountsExact(queued);
        AtomicInteger expected = new AtomicInteger(1);
        ledger.messages(f.id(), Optional.empty(), m -> {
            assertThat(m.seq()).isEqualTo(expected.getAndIncrement());
            assertThat(m.status()).isEqualTo(MessageStatus.PENDING);
        });
        assertThat(expected.get()).isEqualTo(100_001);
    }

    @Test
    void aStagedMessageKeepsEveryField() {
        FileRecord f = queued("lab", 3);

        List<MessageRecord> rows = new ArrayList<>();
        ledger.messages(f.id(), Optional.empty(), rows::add);

        MessageRecord second = rows.get(1);
        NewMessage expected = message(2);
        assertThat(second.fileId()).isEqualTo(f.id());
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.batchNo()).isEqualTo(expected.batchNo());
        assertThat(second.controlId()).isEqualTo(expected.controlId());
        assertThat(second.messageType()).isEqualTo("ORU^R01^ORU_R01");
        assertThat(second.sendingApplication()).isEqualTo("LAB");
        assertThat(second.sendingFacility()).isEqualTo("GENERAL HOSPITAL");
        assertThat(second.length()).isEqualTo(expected.length());
        assertThat(second.sha256()).isEqualTo(expected.sha256());
        assertThat(second.bodyOffset()).isEqualTo(2000L);
        assertThat(second.attempts()).isZero();
        assertThat(second.ackCode()).isNull();
        assertThat(second.settledAt()).isNull();
        assertThat(ledger.message(second.id())).contains(second);
    }

    @Test
    void aStagerTakesMessagesOnlyInSequence() {
        FileRecord f = receive("lab");
        try (MessageStager stager = ledger.stage(f.id())) {
            stager.add(message(1));
            assertThatThrownBy(() -> stager.add(message(3))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected message seq 2, got 3");
            assertThatThrownBy(() -> stager.add(message(1))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void discardingDeletesTheStagedRowsAndKeepsTheFileReceived() {
        FileRecord f = receive("lab");
        try (MessageStager stager = ledger.stage(f.id())) {
            for (int i = 1; i <= 2500; i++) {
                stager.add(message(i));
            }
            stager.discard();
            assertThatThrownBy(() -> stager.add(message(2501))).isInstanceOf(IllegalStateException.class);
        }

        assertThat(count("SELECT COUNT(*) FROM messages WHERE file_id = " + f.id())).isZero();
        assertThat(reload(f).status()).isEqualTo(FileStatus.RECEIVED);
    }

    @Test
    void closingAStagerThatWasNotQueuedDiscardsItsRows() {
        FileRecord f = receive("lab");
        try (MessageStager stager = ledger.stage(f.id())) {
            for (int i = 1; i <= 1500; i++) {
                stager.add(message(i));
            }
        }

        assertThat(count("SELECT COUNT(*) FROM messages WHERE file_id = " + f.id())).isZero();
        assertThat(ledger.unfinishedIntake()).extracting(FileRecord::id).containsExactly(f.id());
    }

    @Test
    void discardStagedRemovesTheRowsACrashLeftBehind() {
        FileRecord f = receive("lab");
        MessageStager abandoned = ledger.stage(f.id());
        for (int i = 1; i <= 2 * MessageStager.CHUNK; i++) {
            abandoned.add(message(i)); // two chunks committed, as if the process died here
        }
        assertThat(count("SELECT COUNT(*) FROM messages WHERE file_id = " + f.id())).isEqualTo(2 * MessageStager.CHUNK);
        assertThat(ledger.unfinishedIntake()).extracting(FileRecord::id).containsExactly(f.id());

        assertThat(ledger.discardStaged(f.id())).isEqualTo(2 * MessageStager.CHUNK);

        assertThat(count("SELECT COUNT(*) FROM messages WHERE file_id = " + f.id())).isZero();
        abandoned.close();
    }

    @Test
    void stagingAgainStartsFromAnEmptyFile() {
        FileRecord f = receive("lab");
        MessageStager abandoned = ledger.stage(f.id());
        for (int i = 1; i <= MessageStager.CHUNK; i++) {
            abandoned.add(message(i));
        }

        FileRecord queued;
        try (MessageStager again = ledger.stage(f.id())) {
            for (int i = 1; i <= 10; i++) {
                again.add(message(i));
            }
            queued = again.queue(1, List.of());
        }
        abandoned.close();

        assertThat(queued.messages()).isEqualTo(10);
        assertCountsExact(reload(f));
    }

    @Test
    void onlyAReceivedFileCanBeStaged() {
        FileRecord f = queued("lab", 5);

        assertThatThrownBy(() -> ledger.stage(f.id())).isInstanceOf(FileStateException.class).hasMessageContaining("QUEUED");
        assertThatThrownBy(() -> ledger.discardStaged(f.id())).isInstanceOf(FileStateException.class);
        assertThat(reload(f).messages()).isEqualTo(5);
        assertThatThrownBy(() -> ledger.stage(424242)).isInstanceOf(UnknownFileException.class);
    }

    @Test
    void aFileWithoutMessagesIsCompletedWhenQueued() {
        FileRecord f = queued("lab", 0);

        assertThat(f.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(f.finishedAt()).isNotNull();
        assertThat(allPending("lab")).isEmpty();
    }

    // ------------------------------------------------------------------ the lane query

    @Test
    void pendingMessagesComeInFileAndSequenceOrderStrictlyAfterThePosition() {
        FileRecord a = queued("lab", 3);
        FileRecord b = queued("lab", 2);
        FileRecord c = queued("lab", 4);

        List<OutboundMessage> all = ledger.pending("lab", QueuePosition.START, 100);
        assertThat(all).extracting(OutboundMessage::position).containsExactly(
                new QueuePosition(a.id(), 1), new QueuePosition(a.id(), 2), new QueuePosition(a.id(), 3),
                new QueuePosition(b.id(), 1), new QueuePosition(b.id(), 2),
                new QueuePosition(c.id(), 1), new QueuePosition(c.id(), 2), new QueuePosition(c.id(), 3), new QueuePosition(c.id(), 4));
        assertThat(all.get(0).controlId()).isEqualTo(ControlId.of("CTL1"));
        assertThat(all.get(0).length()).isEqualTo(message(1).length());

        assertThat(ledger.pending("lab", new QueuePosition(a.id(), 2), 3)).extracting(OutboundMessage::position)
                .containsExactly(new QueuePosition(a.id(), 3), new QueuePosition(b.id(), 1), new QueuePosition(b.id(), 2));
        assertThat(ledger.pending("lab", new QueuePosition(b.id(), 2), 100)).extracting(OutboundMessage::position)
                .containsExactly(new QueuePosition(c.id(), 1), new QueuePosition(c.id(), 2), new QueuePosition(c.id(), 3),
                        new QueuePosition(c.id(), 4));
        assertThat(ledger.pending("lab", new QueuePosition(c.id(), 4), 100)).isEmpty();
    }

    @Test
    void theLaneQueryWalksAcrossManyFilesUpToItsLimit() {
        List<FileRecord> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(queued("lab", 1));
        }

        assertThat(ledger.pending("lab", QueuePosition.START, 1000)).hasSize(120);
        assertThat(ledger.pending("lab", QueuePosition.START, 70)).extracting(OutboundMessage::fileId)
                .containsExactlyElementsOf(many.subList(0, 70).stream().map(FileRecord::id).toList());
    }

    @Test
    void theLaneQuerySkipsSettledMessagesOtherDestinationsAndFilesThatAreNotQueued() {
        FileRecord delivered = queued("lab", 3);
        FileRecord otherLane = queued("pharmacy", 3);
        FileRecord staging = receive("lab");
        MessageStager stager = ledger.stage(staging.id());
        for (int i = 1; i <= MessageStager.CHUNK; i++) {
            stager.add(message(i)); // committed, but the file is still RECEIVED
        }
        FileRecord partly = queued("lab", 4);
        GroupCommitJournal j = journal(FAST);
        List<OutboundMessage> before = allPending("lab");
        before.stream().filter(m -> m.fileId() == delivered.id()).forEach(m -> deliver(j, m));
        before.stream().filter(m -> m.fileId() == partly.id() && m.seq() == 2).forEach(m -> deliver(j, m));
        before.stream().filter(m -> m.fileId() == partly.id() && m.seq() == 3).forEach(m -> fail(j, m));
        j.flush();

        assertThat(reload(delivered).status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(reload(partly).status()).as("one message failed").isEqualTo(FileStatus.FAILED);
        assertThat(allPending("lab")).as("a FAILED file's pending messages are still sent").extracting(OutboundMessage::position)
                .containsExactly(new QueuePosition(partly.id(), 1), new QueuePosition(partly.id(), 4));
        assertThat(allPending("pharmacy")).extracting(OutboundMessage::fileId).containsOnly(otherLane.id()).hasSize(3);
        stager.close();
    }

    // ------------------------------------------------------------------ settlements through the journal

    @Test
    void deliveringEveryMessageCompletesTheFileWithExactCounts() {
        FileRecord f = queued("lab", 250);
        GroupCommitJournal j = journal(FAST);
        allPending("lab").forEach(m -> deliver(j, m));
        j.flush();

        FileRecord done = reload(f);
        assertThat(done.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(done.delivered()).isEqualTo(250);
        assertThat(done.pending()).isZero();
        assertThat(done.finishedAt()).isNotNull();
        assertCountsExact(done);
        List<MessageRecord> rows = new ArrayList<>();
        ledger.messages(f.id(), Optional.of(MessageStatus.DELIVERED), rows::add);
        assertThat(rows).hasSize(250).allSatisfy(m -> {
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.ackCode()).isEqualTo(AckCode.AA);
            assertThat(m.error()).isNull();
            assertThat(m.settledAt()).isNotNull();
        });
        assertThat(count("SELECT COUNT(*) FROM attempts WHERE file_id = " + f.id())).isEqualTo(250);
        assertThat(allPending("lab")).isEmpty();
    }

    @Test
    void aFailedMessageFailsTheFileAndTheRestIsStillSettled() {
        FileRecord f = queued("lab", 5);
        GroupCommitJournal j = journal(FAST);
        List<OutboundMessage> ms = allPending("lab");
        deliver(j, ms.get(0));
        fail(j, ms.get(1));
        j.flush();

        FileRecord failing = reload(f);
        assertThat(failing.status()).isEqualTo(FileStatus.FAILED);
        assertThat(failing.failed()).isEqualTo(1);
        assertThat(failing.pending()).isEqualTo(3);
        assertThat(failing.finishedAt()).isNull();
        assertCountsExact(failing);

        ms.subList(2, 5).forEach(m -> deliver(j, m));
        j.flush();
        FileRecord finished = reload(f);
        assertThat(finished.status()).isEqualTo(FileStatus.FAILED);
        assertThat(finished.delivered()).isEqualTo(4);
        assertThat(finished.pending()).isZero();
        assertThat(finished.finishedAt()).isNotNull();
        assertCountsExact(finished);
        MessageRecord failed = ledger.message(ms.get(1).messageId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.error()).isEqualTo("ACK timeout");
        assertThat(failed.ackCode()).isNull();
    }

    @Test
    void rejectedMessagesCompleteTheFileAndAreCounted() {
        FileRecord f = queued("lab", 3);
        GroupCommitJournal j = journal(FAST);
        List<OutboundMessage> ms = allPending("lab");
        deliver(j, ms.get(0));
        reject(j, ms.get(1));
        deliver(j, ms.get(2));
        j.flush();

        FileRecord done = reload(f);
        assertThat(done.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(done.rejected()).isEqualTo(1);
        assertThat(done.delivered()).isEqualTo(2);
        assertCountsExact(done);
        assertThat(ledger.message(ms.get(1).messageId()).orElseThrow().ackCode()).isEqualTo(AckCode.AR);
    }

    @Test
    void aSettlementForAMessageThatIsNoLongerPendingChangesNothing() {
        FileRecord f = queued("lab", 2);
        GroupCommitJournal j = journal(FAST);
        OutboundMessage m = allPending("lab").get(0);
        deliver(j, m);
        j.flush();

        j.settle(new Settlement(m.messageId(), m.fileId(), MessageStatus.FAILED, 2, null, "late duplicate outcome"));
        j.settle(new Settlement(m.messageId(), 424242, MessageStatus.DELIVERED, 1, AckCode.AA, null));
        j.flush();

        FileRecord after = reload(f);
        assertThat(after.delivered()).isEqualTo(1);
        assertThat(after.failed()).isZero();
        assertThat(after.status()).isEqualTo(FileStatus.QUEUED);
        assertCountsExact(after);
        assertThat(j.ignoredSettlements()).isEqualTo(2);
    }

    @Test
    void attemptsWithoutASettlementRaiseTheAttemptCountAndAreKept() {
        queued("lab", 1);
        GroupCommitJournal j = journal(FAST);
        OutboundMessage m = allPending("lab").get(0);
        j.attempt(attempt(m, 1, AttemptOutcome.CONNECTION_ERROR, "connection refused"));
        j.attempt(attempt(m, 2, AttemptOutcome.AE, "MSA-1 AE"));
        j.flush();

        assertThat(ledger.message(m.messageId()).orElseThrow().attempts()).isEqualTo(2);
        assertThat(ledger.message(m.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
        assertThat(ledger.pending("lab", QueuePosition.START, 10)).singleElement()
                .satisfies(o -> assertThat(o.attempts()).isEqualTo(2));
        assertThat(ledger.attempts(m.messageId())).extracting(AttemptView::number, AttemptView::outcome, AttemptView::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, AttemptOutcome.CONNECTION_ERROR, "connection refused"),
                        org.assertj.core.groups.Tuple.tuple(2, AttemptOutcome.AE, "MSA-1 AE"));
    }

    @Test
    void flushedRecordsSurviveClosingAndReopeningTheDatabase() {
        FileRecord f = queued("lab", 40);
        GroupCommitJournal j = journal(JournalSettings.DEFAULTS.withMaxDelay(Duration.ofSeconds(60)));
        allPending("lab").forEach(m -> deliver(j, m));
        j.flush();
        j.close();

        reopen();

        FileRecord done = reload(f);
        assertThat(done.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(done.delivered()).isEqualTo(40);
        assertCountsExact(done);
        assertThat(ledger.recentAttempts(f.id(), 100)).hasSize(40);
    }

    @Test
    void closingTheJournalWritesWhatIsBuffered() {
        FileRecord f = queued("lab", 10);
        List<OutboundMessage> ms = allPending("lab");
        GroupCommitJournal j = journal(JournalSettings.DEFAULTS.withMaxDelay(Duration.ofSeconds(60)));
        ms.forEach(m -> deliver(j, m));

        j.close();

        assertThat(reload(f).delivered()).isEqualTo(10);
        assertThat(j.committed()).isEqualTo(20);
        assertThatThrownBy(() -> deliver(j, ms.get(0))).isInstanceOf(JournalException.class).hasMessageContaining("closed");
    }

    @Test
    void aFullBufferBlocksTheCallerUntilTheWriterMakesRoom() throws Exception {
        FileRecord f = queued("lab", 40);
        List<OutboundMessage> ms = allPending("lab");
        GroupCommitJournal j = journal(FAST.withBuffer(8, 4).withMaxDelay(Duration.ZERO));
        assertThat(j.crashWindow()).isEqualTo(12);
        AtomicInteger offered = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread lane;
        try (Connection blocker = db.dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT id FROM files WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, f.id());
                lock.executeQuery().close(); // the writer's first batch now waits for this row
            }
            lane = new Thread(() -> {
                try {
                    for (OutboundMessage m : ms) {
                        j.settle(new Settlement(m.messageId(), m.fileId(), MessageStatus.DELIVERED, 1, AckCode.AA, null));
                        offered.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-lane");
            lane.start();

            await().atMost(Duration.ofSeconds(5)).until(() -> lane.getState() == Thread.State.WAITING && j.buffered() == 8);
            assertThat(j.accepted()).isLessThanOrEqualTo(j.crashWindow()).isGreaterThan(8);
            assertThat(offered.get()).isEqualTo((int) j.accepted()).isLessThan(40);
            assertThat(j.committed()).isZero();
            blocker.commit();
        }
        lane.join(10_000);
        assertThat(failure.get()).isNull();
        assertThat(offered.get()).isEqualTo(40);
        j.flush();
        assertThat(reload(f).delivered()).isEqualTo(40);
    }

    @Test
    void aFailingWriteIsRetriedAndReportedToCallersUntilTheDatabaseIsBack() {
        queued("lab", 3);
        List<OutboundMessage> ms = allPending("lab");
        GroupCommitJournal j = journal(FAST);
        sql("ALTER TABLE attempts RENAME TO attempts_parked");
        try {
            deliver(j, ms.get(0));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThatThrownBy(j::flush).isInstanceOf(JournalException.class).hasMessageContaining("cannot write"));
            assertThatThrownBy(() -> deliver(j, ms.get(1))).as("a record offered while failing is refused")
                    .isInstanceOf(JournalException.class);
        } finally {
            sql("ALTER TABLE attempts_parked RENAME TO attempts");
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(j::flush);
        deliver(j, ms.get(1));
        j.flush();
        assertThat(ledger.message(ms.get(0).messageId()).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(ledger.message(ms.get(1).messageId()).orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(count("SELECT COUNT(*) FROM attempts")).isEqualTo(2);
    }

    @Test
    void closingWhileTheDatabaseFailsReportsWhatWasNotWritten() {
        queued("lab", 2);
        List<OutboundMessage> ms = allPending("lab");
        GroupCommitJournal j = journal(FAST.withRetry(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(200)));
        sql("ALTER TABLE attempts RENAME TO attempts_parked");
        try {
            deliver(j, ms.get(0));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(j::flush).isInstanceOf(JournalException.class));

            assertThatThrownBy(j::close).isInstanceOf(JournalException.class).hasMessageContaining("2 records not written");
        } finally {
            sql("ALTER TABLE attempts_parked RENAME TO attempts");
        }
        assertThat(ledger.message(ms.get(0).messageId()).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
    }

    // ------------------------------------------------------------------ halts

    @Test
    void aHaltFlushesFirstAndIsDurable() {
        FileRecord f = queued("lab", 3);
        List<OutboundMessage> ms = allPending("lab");
        GroupCommitJournal j = journal(JournalSettings.DEFAULTS.withMaxDelay(Duration.ofSeconds(60)));
        deliver(j, ms.get(0));
        fail(j, ms.get(1));
        Instant since = Instant.parse("2024-03-01T12:00:00Z");

        j.halt(new LaneHalt("lab", since, f.id(), ms.get(1).messageId(), "message 2 (control ID CTL2) FAILED after 5 attempts"));
        reopen();

        LaneHalt halt = ledger.halt("lab").orElseThrow();
        assertThat(halt.since()).isEqualTo(since);
        assertThat(halt.fileId()).isEqualTo(f.id());
        assertThat(halt.messageId()).isEqualTo(ms.get(1).messageId());
        assertThat(halt.reason()).contains("FAILED after 5 attempts");
        assertThat(ledger.halts()).containsExactly(halt);
        assertThat(reload(f).failed()).as("the settlements before the halt were flushed").isEqualTo(1);
        assertThat(ledger.halt("pharmacy")).isEmpty();
    }

    @Test
    void clearingAHaltResumesTheLane() {
        ledger.recordHalt(new LaneHalt("lab", Instant.now(), 1, 2, "stopped"));

        assertThat(ledger.clearHalt("lab")).isTrue();
        assertThat(ledger.clearHalt("lab")).isFalse();
        assertThat(ledger.halt("lab")).isEmpty();
        assertThat(ledger.halts()).isEmpty();
        ledger.recordHalt(new LaneHalt("lab", Instant.now(), 3, 4, "stopped again"));
        assertThat(ledger.halt("lab")).map(LaneHalt::fileId).contains(3L);
    }

    // ------------------------------------------------------------------ rerun

    /** A file of 6 messages: 1-2 DELIVERED, 3 FAILED, 4 REJECTED, 5 FAILED, 6 DELIVERED. */
    private FileRecord settledMix(String destination) {
        FileRecord f = queued(destination, 6);
        GroupCommitJournal j = journal(FAST);
        List<OutboundMessage> ms = allPending(destination);
        deliver(j, ms.get(0));
        deliver(j, ms.get(1));
        fail(j, ms.get(2));
        reject(j, ms.get(3));
        fail(j, ms.get(4));
        deliver(j, ms.get(5));
        j.flush();
        return reload(f);
    }

    @Test
    void rerunResetsFailedMessagesAndNeverDeliveredOnes() {
        FileRecord f = settledMix("lab");
        assertThat(f.status()).isEqualTo(FileStatus.FAILED);

        RerunResult result = ledger.prepareRerun(f.id(), false, Optional.empty());

        assertThat(result.reset()).isEqualTo(2);
        assertThat(result.pending()).isEqualTo(2);
        assertThat(result.status()).isEqualTo(FileStatus.QUEUED);
        FileRecord after = reload(f);
        assertThat(after.status()).isEqualTo(FileStatus.QUEUED);
        assertThat(after.delivered()).isEqualTo(3);
        assertThat(after.rejected()).isEqualTo(1);
        assertThat(after.failed()).isZero();
        assertThat(after.pending()).isEqualTo(2);
        assertThat(after.finishedAt()).isNull();
        assertCountsExact(after);
        assertThat(allPending("lab")).extracting(OutboundMessage::seq, OutboundMessage::attempts)
                .as("attempt counts are kept").containsExactly(org.assertj.core.groups.Tuple.tuple(3, 1),
                        org.assertj.core.groups.Tuple.tuple(5, 1));
        assertThat(ledger.recentAttempts(f.id(), 100)).as("attempt history is kept").hasSize(6);
    }

    @Test
    void rerunResetsRejectedMessagesOnlyWhenAsked() {
        FileRecord f = settledMix("lab");

        RerunResult result = ledger.prepareRerun(f.id(), true, Optional.empty());

        assertThat(result.reset()).isEqualTo(3);
        assertThat(allPending("lab")).extracting(OutboundMessage::seq).containsExactly(3, 4, 5);
        FileRecord after = reload(f);
        assertThat(after.rejected()).isZero();
        assertThat(after.delivered()).isEqualTo(3);
        assertCountsExact(after);
    }

    @Test
    void rerunClearsTheHaltOfTheLane() {
        FileRecord f = settledMix("lab");
        ledger.recordHalt(new LaneHalt("lab", Instant.now(), f.id(), 3, "message 3 FAILED"));

        RerunResult result = ledger.prepareRerun(f.id(), false, Optional.empty());

        assertThat(result.haltsCleared()).containsExactly("lab");
        assertThat(ledger.halt("lab")).isEmpty();
    }

    @Test
    void rerunCanSendTheFileToAnotherDestination() {
        FileRecord f = settledMix("lab");
        ledger.recordHalt(new LaneHalt("lab", Instant.now(), f.id(), 3, "message 3 FAILED"));
        ledger.recordHalt(new LaneHalt("lab-backup", Instant.now(), 999, 1, "another file"));

        RerunResult result = ledger.prepareRerun(f.id(), false, Optional.of("lab-backup"));

        assertThat(result.destination()).isEqualTo("lab-backup");
        assertThat(result.haltsCleared()).containsExactlyInAnyOrder("lab-backup", "lab");
        assertThat(reload(f).destination()).isEqualTo("lab-backup");
        assertThat(allPending("lab")).isEmpty();
        assertThat(allPending("lab-backup")).extracting(OutboundMessage::seq).containsExactly(3, 5);
        assertThat(ledger.destinationsWithWork()).containsExactly("lab-backup");
    }

    @Test
    void rerunLeavesAnotherFilesHaltOnTheOldLane() {
        FileRecord f = settledMix("lab");
        ledger.recordHalt(new LaneHalt("lab", Instant.now(), f.id() + 1000, 3, "another file's message FAILED"));

        RerunResult result = ledger.prepareRerun(f.id(), false, Optional.of("lab-backup"));

        assertThat(result.haltsCleared()).isEmpty();
        assertThat(ledger.halt("lab")).isPresent();
    }

    @Test
    void rerunOfAFileWithNothingToSendCompletesIt() {
        FileRecord f = queued("lab", 2);
        GroupCommitJournal j = journal(FAST);
        allPending("lab").forEach(m -> reject(j, m));
        j.flush();

        RerunResult result = ledger.prepareRerun(f.id(), false, Optional.empty());

        assertThat(result.reset()).isZero();
        assertThat(result.status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(reload(f).finishedAt()).isNotNull();
    }

    @Test
    void aRerunWhileTheJournalSettlesTheSameFileKeepsTheCountsExact() throws Exception {
        FileRecord f = queued("lab", 400);
        List<OutboundMessage> ms = allPending("lab");
        GroupCommitJournal j = journal(FAST.withBuffer(64, 16));
        ms.subList(0, 100).forEach(m -> fail(j, m));
        j.flush();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread lane = new Thread(() -> {
            try {
                ms.subList(100, 400).forEach(m -> deliver(j, m));
                j.flush();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-lane");
        lane.start();
        for (int i = 0; i < 5; i++) {
            ledger.prepareRerun(f.id(), false, Optional.empty());
        }
        lane.join(30_000);

        assertThat(failure.get()).isNull();
        FileRecord end = reload(f);
        assertThat(end.delivered()).isEqualTo(300);
        assertThat(end.failed()).isZero();
        assertThat(end.pending()).isEqualTo(100);
        assertThat(end.status()).isEqualTo(FileStatus.QUEUED);
        assertCountsExact(end);
    }

    @Test
    void rerunRefusesFilesThatWereNeverQueued() {
        FileRecord received = receive("lab");
        FileRecord invalid = receive("lab");
        ledger.markInvalid(invalid.id(), "not HL7");
        FileRecord dup = receive("lab");
        ledger.markDuplicate(dup.id(), received.id());

        for (FileRecord f : List.of(received, invalid, dup)) {
            assertThatThrownBy(() -> ledger.prepareRerun(f.id(), true, Optional.empty()))
                    .isInstanceOf(FileStateException.class)
                    .satisfies(e -> assertThat(((FileStateException) e).status()).isEqualTo(reload(f).status()));
        }
        assertThatThrownBy(() -> ledger.prepareRerun(424242, false, Optional.empty())).isInstanceOf(UnknownFileException.class);
    }

    @Test
    void anInvalidFileCanBeResetForReprocessing() {
        FileRecord f = receive("lab");
        ledger.recordDecryption(f.id(), new DecryptionRecord("AB", null, "AES256", null));
        ledger.markInvalid(f.id(), "cannot decrypt: no secret key");

        ledger.resetForReprocessing(f.id());

        FileRecord again = reload(f);
        assertThat(again.status()).isEqualTo(FileStatus.RECEIVED);
        assertThat(again.error()).isNull();
        assertThat(again.decryption()).isNull();
        assertThat(again.finishedAt()).isNull();
        assertThat(ledger.unfinishedIntake()).extracting(FileRecord::id).contains(f.id());
        try (MessageStager stager = ledger.stage(f.id())) {
            stager.add(message(1));
            assertThat(stager.queue(1, List.of()).status()).isEqualTo(FileStatus.QUEUED);
        }
        assertThatThrownBy(() -> ledger.resetForReprocessing(f.id())).isInstanceOf(FileStateException.class)
                .hasMessageContaining("QUEUED");
    }

    // ------------------------------------------------------------------ queries

    @Test
    void filesAreListedNewestFirstOrByStatus() {
        FileRecord a = queued("lab", 1);
        FileRecord b = receive("lab");
        FileRecord c = receive("lab");
        ledger.markInvalid(c.id(), "bad");

        assertThat(ledger.files(FileQuery.newest(10))).extracting(FileRecord::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(ledger.files(FileQuery.newest(2))).extracting(FileRecord::id).containsExactly(c.id(), b.id());
        assertThat(ledger.files(new FileQuery(Optional.empty(), 10, false))).extracting(FileRecord::id)
                .containsExactly(a.id(), b.id(), c.id());
        assertThat(ledger.files(FileQuery.newest(FileStatus.INVALID, 10))).extracting(FileRecord::id).containsExactly(c.id());
        Map<FileStatus, Long> counts = ledger.fileCounts();
        assertThat(counts).containsEntry(FileStatus.QUEUED, 1L).containsEntry(FileStatus.RECEIVED, 1L)
                .containsEntry(FileStatus.INVALID, 1L).containsEntry(FileStatus.COMPLETED, 0L).hasSize(FileStatus.values().length);
    }

    @Test
    void messagesAreStreamedPastPageBoundariesAndFilteredByStatus() {
        FileRecord f = queued("lab", 2345);
        GroupCommitJournal j = journal(FAST);
        allPending("lab").stream().filter(m -> m.seq() % 2 == 0).forEach(m -> deliver(j, m));
        j.flush();

        List<Integer> pending = new ArrayList<>();
        ledger.messages(f.id(), Optional.of(MessageStatus.PENDING), m -> pending.add(m.seq()));
        AtomicInteger all = new AtomicInteger();
        ledger.messages(f.id(), Optional.empty(), m -> all.incrementAndGet());

        assertThat(pending).hasSize(1173).isSorted().allMatch(seq -> seq % 2 == 1);
        assertThat(all.get()).isEqualTo(2345);
    }

    @Test
    void recentAttemptsAreNewestFirstAndLimited() {
        FileRecord f = queued("lab", 3);
        GroupCommitJournal j = journal(FAST);
        List<OutboundMessage> ms = allPending("lab");
        j.attempt(attempt(ms.get(0), 1, AttemptOutcome.TIMEOUT, "no ACK"));
        j.flush();
        deliver(j, ms.get(1));
        j.flush();
        reject(j, ms.get(2));
        j.flush();

        List<AttemptView> recent = ledger.recentAttempts(f.id(), 2);
        assertThat(recent).extracting(AttemptView::seq, AttemptView::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, AttemptOutcome.AR), org.assertj.core.groups.Tuple.tuple(2, AttemptOutcome.AA));
        assertThat(recent.get(0).controlId()).isEqualTo(ControlId.of("CTL3"));
        assertThat(recent.get(0).latency()).isEqualTo(Duration.ofMillis(12));
        assertThat(recent.get(0).detail()).isEqualTo("MSA-3: unknown patient");
        assertThat(ledger.recentAttempts(f.id(), 10)).hasSize(3);
    }

    @Test
    void destinationsWithWorkAndUnfinishedIntakeAreListed() {
        queued("lab", 1);
        FileRecord done = queued("pharmacy", 1);
        queued("radiology", 2);
        FileRecord stuck = receive("lab");
        GroupCommitJournal j = journal(FAST);
        allPending("pharmacy").forEach(m -> deliver(j, m));
        j.flush();

        assertThat(reload(done).status()).isEqualTo(FileStatus.COMPLETED);
        assertThat(ledger.destinationsWithWork()).containsExactly("lab", "radiology");
        assertThat(ledger.unfinishedIntake()).extracting(FileRecord::id).containsExactly(stuck.id());
    }
}
