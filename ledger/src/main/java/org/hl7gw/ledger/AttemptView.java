package org.hl7gw.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.delivery.AttemptOutcome;

/**
 * One recorded delivery attempt, with the message's position and control ID for display.
 *
 * @param number 1-based attempt number over the message's whole life
 * @param detail a short reason (no message content), or null
 */
public record AttemptView(long id, long messageId, long fileId, int seq, ControlId controlId, int number, Instant at,
                          AttemptOutcome outcome, Duration latency, String detail) {
    public AttemptView {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(latency, "latency");
    }
}
