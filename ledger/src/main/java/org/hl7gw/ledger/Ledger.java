package org.hl7gw.ledger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.intake.FileSource;

/**
 * The gateway's record of every received file, every message and every delivery attempt: what operations
 * rerun from without sending an acknowledged message twice, and what a restart resumes from.
 *
 * <h2>File life</h2>
 * <pre>
 *   receive -> RECEIVED -> markDuplicate -> DUPLICATE
 *                       -> markInvalid   -> INVALID  -> resetForReprocessing -> RECEIVED
 *                       -> stage/queue   -> QUEUED   -> (settlements) -> COMPLETED | FAILED
 *   QUEUED | COMPLETED | FAILED -> prepareRerun -> QUEUED | COMPLETED
 * </pre>
 *
 * <h2>Status after settlements</h2>
 * Every settlement moves one message from PENDING to DELIVERED, REJECTED or FAILED and updates its file's
 * counts in the same transaction; then the file is <b>FAILED</b> if {@code failed > 0}, else <b>COMPLETED</b>
 * if {@code pending == 0}, else <b>QUEUED</b>. The counts are exact ({@code pending = messages - delivered -
 * rejected - failed}, enforced by a CHECK constraint). {@code finishedAt} is set when pending reaches 0. A
 * FAILED file with pending messages is still delivered (an on-failure=continue lane keeps sending).
 *
 * <h2>Errors and locks</h2>
 * Every method throws {@link LedgerException} when the database fails; the ones that name a file throw
 * {@link UnknownFileException} when it does not exist and {@link FileStateException} when its status does not
 * allow the change. Each write is one transaction, durable when the method returns. Writes to a file lock its
 * {@code files} row first ({@code SELECT ... FOR UPDATE}) and then its message rows, in that order everywhere
 * (the journal too), so they cannot deadlock; reads take no locks and see committed data only.
 */
public interface Ledger {

    // ---------------------------------------------------------------- intake

    /**
     * Records a file just received, with status RECEIVED. Locks: inserts one row.
     *
     * @return the new row (its id orders files by arrival)
     */
    FileRecord receive(NewFile file);

    /**
     * The earliest other file from the same source with the same bytes that makes {@code fileId} a duplicate:
     * one received before it (lower id) in any status but DUPLICATE. An INVALID earlier copy counts: the same
     * bytes would fail the same way, so they are not taken again; once the cause is fixed (a key configured)
     * an operator reprocesses the original with {@link #resetForReprocessing}. The same bytes from another
     * source are never a duplicate. Locks: none.
     *
     * @param fileId the file being taken in; only files received before it are considered
     */
    Optional<FileRecord> earlierCopy(FileSource source, Sha256 sha256, long fileId);

    /**
     * RECEIVED -> DUPLICATE of {@code originalFileId}; sets finishedAt. Locks: the file row.
     *
     * @throws FileStateException unless the file is RECEIVED
     * @throws UnknownFileException when either file does not exist
     */
    void markDuplicate(long fileId, long originalFileId);

    /**
     * RECEIVED -> INVALID with the reason (no message content); deletes any message rows staged for it; sets
     * finishedAt. Locks: the file row, then its message rows.
     *
     * @throws FileStateException unless the file is RECEIVED
     */
    void markInvalid(long fileId, String error);

    /**
     * Records what decryption found out (signer, algorithms, warning). Locks: the file row.
     *
     * @throws FileStateException unless the file is RECEIVED
     */
    void recordDecryption(long fileId, DecryptionRecord decryption);

    /**
     * Starts recording the messages of a RECEIVED file. Message rows a crash left behind for it are deleted
     * first. The stager holds one pooled connection until it is queued, discarded or closed. Locks: the message
     * rows it inserts (committed every {@link MessageStager#CHUNK} rows; invisible to lanes until queued).
     *
     * @throws FileStateException unless the file is RECEIVED
     */
    MessageStager stage(long fileId);

    /**
     * Deletes the message rows of a RECEIVED file (a crash hit it while staging), in chunks of committed
     * deletes. Locks: the file row, then its message rows.
     *
     * @return how many rows were deleted
     * @throws FileStateException unless the file is RECEIVED
     */
    int discardStaged(long fileId);

    /** Files still RECEIVED, oldest first: intake of these was cut short by a crash. Locks: none. */
    List<FileRecord> unfinishedIntake();

    // ---------------------------------------------------------------- queries

    /** One file. Locks: none. */
    Optional<FileRecord> file(long fileId);

    /** Files by status, newest or oldest first. Locks: none. */
    List<FileRecord> files(FileQuery query);

    /** How many files are in each status (every status present, zero included). Locks: none. */
    Map<FileStatus, Long> fileCounts();

    /**
     * Streams a file's messages in file order, optionally only those in one status. Reads in pages of 1,000
     * rows (key-set paging on seq), so a million-message file takes bounded memory and no long transaction;
     * each page is a consistent snapshot, the whole walk is not. Locks: none.
     */
    void messages(long fileId, Optional<MessageStatus> status, Consumer<MessageRecord> sink);

    /** One message. Locks: none. */
    Optional<MessageRecord> message(long messageId);

    /**
     * How many of a file's messages are in each status, counted from the message rows (every status present,
     * zero included); agrees with the file's counts. Reads every message row of the file. Locks: none.
     */
    Map<MessageStatus, Long> messageCounts(long fileId);

    /** The file's latest attempts, newest first, at most {@code limit} (1 to 10,000). Locks: none. */
    List<AttemptView> recentAttempts(long fileId, int limit);

    /** Every attempt at one message, oldest first. Locks: none. */
    List<AttemptView> attempts(long messageId);

    // ---------------------------------------------------------------- lanes

    /** Every halted lane, by destination. Locks: none. */
    List<LaneHalt> halts();

    /**
     * Records that a lane halted, replacing an earlier halt of the same destination. Durable when it returns.
     * Locks: the lane row.
     */
    void recordHalt(LaneHalt halt);

    /**
     * Resumes a halted lane. Locks: the lane row.
     *
     * @return false when it was not halted
     */
    boolean clearHalt(String destination);

    /** Destinations with messages waiting (PENDING messages of QUEUED or FAILED files). Locks: none. */
    List<String> destinationsWithWork();

    // ---------------------------------------------------------------- operations

    /**
     * Prepares a file to be sent again, in one transaction: its FAILED messages (and REJECTED ones when
     * {@code includeRejected}) become PENDING, keeping their attempt counts and history; DELIVERED messages are
     * never touched. The file's counts are recounted from its message rows, its status becomes QUEUED (or
     * COMPLETED when nothing is left to send), its destination changes when {@code newDestination} is given,
     * and the halt of its (new) destination's lane is cleared, as is the old destination's halt when this file
     * caused it. Locks: the file row, then its message rows, then the lane rows.
     *
     * @throws FileStateException when the file is RECEIVED, INVALID or DUPLICATE (INVALID files are reprocessed
     *     from the archive after {@link #resetForReprocessing})
     */
    RerunResult prepareRerun(long fileId, boolean includeRejected, Optional<String> newDestination);

    /**
     * Puts an INVALID file back to RECEIVED so the gateway can take it in again from the archive: deletes its
     * message rows (and their attempts), clears its error, warnings, counts and decryption record. Locks: the
     * file row, then its message rows.
     *
     * @throws FileStateException unless the file is INVALID
     */
    void resetForReprocessing(long fileId);
}
