package org.hl7gw.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One try at delivering a message.
 *
 * @param messageId ledger id of the message
 * @param fileId ledger id of its file
 * @param number 1-based attempt number over the message's whole life
 * @param at when the message was written to the connection (or the connection was tried)
 * @param outcome how it ended
 * @param latency from the write to the ACK (or to the failure)
 * @param detail a short reason for anything but an accept (no message content); may be null
 */
public record AttemptRecord(long messageId, long fileId, int number, Instant at, AttemptOutcome outcome, Duration latency, String detail) {
    public AttemptRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(latency, "latency");
    }
}
