package org.hl7gw.core.delivery;

import java.util.Objects;

/**
 * The final outcome of a message for this delivery run: DELIVERED, REJECTED or FAILED.
 *
 * @param messageId ledger id of the message
 * @param fileId ledger id of its file
 * @param status the final status (never PENDING)
 * @param attempts attempts over the message's whole life, this one included
 * @param ackCode the last ACK code read, or null when none was (timeouts, connection errors)
 * @param error why it was not delivered (no message content); null when DELIVERED
 */
public record Settlement(long messageId, long fileId, MessageStatus status, int attempts, AckCode ackCode, String error) {
    public Settlement {
        Objects.requireNonNull(status, "status");
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a settlement is final, not " + status);
        }
    }
}
