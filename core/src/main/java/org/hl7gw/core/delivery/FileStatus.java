package org.hl7gw.core.delivery;

/** Where a received file stands in the ledger. */
public enum FileStatus {
    /** Recorded and archived; decryption and validation have not finished. */
    RECEIVED,
    /** Refused: it could not be decrypted or verified, or its envelope is wrong. No message was forwarded. */
    INVALID,
    /** The same bytes were already received from the same source; not forwarded again. */
    DUPLICATE,
    /** Valid and split; its messages are being delivered. */
    QUEUED,
    /** Every message has a final outcome and none FAILED (some may be REJECTED: see the counts). */
    COMPLETED,
    /** At least one message FAILED; the others may be delivered or still pending behind a halted lane. */
    FAILED
}
