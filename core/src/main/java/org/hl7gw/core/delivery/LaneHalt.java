package org.hl7gw.core.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A lane stopped by its halt policy: nothing more is sent to the destination until an operator reruns the
 * file or resumes the lane. Kept in the ledger so that a restart does not silently skip past it.
 *
 * @param destination the lane's destination id
 * @param since when it halted
 * @param fileId file of the message that caused it
 * @param messageId the message that caused it
 * @param reason why, e.g. "message 7 (control ID X) FAILED after 5 attempts: ACK timeout"
 */
public record LaneHalt(String destination, Instant since, long fileId, long messageId, String reason) {
    public LaneHalt {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }
}
