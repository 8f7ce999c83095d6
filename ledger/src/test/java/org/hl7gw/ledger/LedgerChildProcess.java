package org.hl7gw.ledger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.AttemptOutcome;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.delivery.QueuePosition;
import org.hl7gw.core.delivery.Settlement;
import org.hl7gw.core.intake.FileSource;

/**
 * A second JVM for {@link H2LedgerTest}, started with the test class path. Prints lines starting with
 * {@code LEDGER} (the rest of its output is logging).
 * <ul>
 *   <li>{@code list DATADIR}: opens the ledger (as {@code gateway ledger files} would) and prints its files.</li>
 *   <li>{@code deliver DATADIR N M}: queues a file of N messages, delivers the first M and flushes, prints
 *       {@code LEDGER FLUSHED}, delivers the rest without flushing (the journal waits up to a minute), prints
 *       {@code LEDGER BUFFERED} and waits to be killed.</li>
 * </ul>
 */
public final class LedgerChildProcess {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[1]);
        try (LedgerDatabase db = LedgerDatabase.open(LedgerSettings.h2(dataDir))) {
            JdbcLedger ledger = new JdbcLedger(db);
            switch (args[0]) {
                case "list" -> {
                    List<FileRecord> files = ledger.files(FileQuery.newest(100));
                    System.out.println("LEDGER FILES " + files.size());
                    for (FileRecord f : files) {
                        System.out.println("LEDGER FILE " + f.id() + " " + f.status() + " " + f.originalName());
                    }
                }
                case "deliver" -> deliver(db, ledger, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static void deliver(LedgerDatabase db, JdbcLedger ledger, int n, int flushed) throws InterruptedException {
        FileRecord file = ledger.receive(new NewFile(FileSource.partner("acme"), "killed.hl7", 100, Sha256.of(new byte[] {7}),
                Instant.now(), "lab"));
        try (MessageStager stager = ledger.stage(file.id())) {
            for (int i = 1; i <= n; i++) {
                stager.add(new NewMessage(i, 1, ControlId.of("K" + i), "ADT^A01", "A", "F", 100, Sha256.of(new byte[] {(byte) i}), i));
            }
            stager.queue(1, List.of());
        }
        List<OutboundMessage> messages = ledger.pending("lab", QueuePosition.START, n);
        GroupCommitJournal journal = new GroupCommitJournal(db, JournalSettings.DEFAULTS.withMaxDelay(Duration.ofSeconds(60)));
        for (int i = 0; i < n; i++) {
            OutboundMessage m = messages.get(i);
            journal.attempt(new AttemptRecord(m.messageId(), m.fileId(), 1, Instant.now(), AttemptOutcome.AA, Duration.ofMillis(3), null));
            journal.settle(new Settlement(m.messageId(), m.fileId(), MessageStatus.DELIVERED, 1, AckCode.AA, null));
            if (i + 1 == flushed) {
                journal.flush();
                System.out.println("LEDGER FLUSHED " + file.id());
            }
        }
        System.out.println("LEDGER BUFFERED " + journal.buffered());
        Thread.sleep(Long.MAX_VALUE);
    }
}
