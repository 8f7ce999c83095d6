package org.hl7gw.ledger;

/**
 * The delivery journal cannot write to the database (or was closed). Thrown by
 * {@link GroupCommitJournal#attempt}, {@link GroupCommitJournal#settle} and {@link GroupCommitJournal#flush} while
 * its writer is failing: the record passed to the throwing call was NOT taken; records taken earlier stay
 * buffered and are written when the database is back. The lane should stop sending and call again later.
 */
public class JournalException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
