package org.hl7gw.core.delivery;

/** Where a message stands in the ledger. */
public enum MessageStatus {
    /** Waiting to be sent, or being retried. */
    PENDING,
    /** The receiver accepted it (AA or CA was read). */
    DELIVERED,
    /** The receiver rejected it (AR or CR); it is not retried unless an operator asks. */
    REJECTED,
    /** All attempts ended without an accept; rerun sends it again. */
    FAILED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
