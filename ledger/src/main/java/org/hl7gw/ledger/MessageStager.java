package org.hl7gw.ledger;

import java.util.List;

/**
 * Records the messages of one RECEIVED file as they are split from it, then queues the file. Rows go to the
 * database in JDBC batches committed every {@link #CHUNK} messages, so a million-message file takes bounded
 * memory; lanes do not see them until {@link #queue} commits.
 *
 * <p>Use from one thread. Exactly one of {@link #queue} or {@link #discard} ends it; {@link #close()} without
 * either discards (so a try-with-resources that is left by an exception cleans up).
 *
 * <pre>{@code
 * try (MessageStager stager = ledger.stage(fileId)) {
 *     for (...) stager.add(new NewMessage(seq, batch, controlId, ...));
 *     stager.queue(batches, warnings);
 * }
 * }</pre>
 */
public interface MessageStager extends AutoCloseable {

    /** Messages per JDBC batch and per commit. */
    int CHUNK = 1000;

    /**
     * Adds the next message. Sequence numbers must be 1, 2, 3... in order, so that the file's message count
     * is exact.
     *
     * @throws IllegalArgumentException when {@code message.seq()} is not the next number
     * @throws LedgerException when the database fails
     */
    void add(NewMessage message);

    /** Messages added so far. */
    int count();

    /**
     * Writes the last rows, then in one transaction makes the file QUEUED with {@code messages = pending =
     * count()} and its batch count and warnings (COMPLETED straight away when it has no message).
     *
     * @param warnings accepted oddities to keep with the file (e.g. count mismatches under the warn policy)
     * @return the file as queued
     * @throws FileStateException when the file is no longer RECEIVED (its rows stay; call {@link #discard})
     */
    FileRecord queue(int batches, List<String> warnings);

    /** Deletes the rows added so far (in committed chunks). The file stays RECEIVED. */
    void discard();

    /** Discards unless queued or discarded already; releases the connection. */
    @Override
    void close();
}
