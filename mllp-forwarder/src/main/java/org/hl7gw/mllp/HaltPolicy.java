package org.hl7gw.mllp;

/** What a lane does after a message ends REJECTED or FAILED. */
public enum HaltPolicy {
    /** Go on with the next message. */
    CONTINUE,
    /**
     * Stop sending to the destination: the rest stays PENDING, the halt is recorded in the ledger, and only an
     * operator (rerun, then {@link Lane#resume()}) lets the lane go on. For receivers that need every message
     * in order.
     */
    HALT
}
