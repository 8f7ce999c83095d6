package org.hl7gw.mllp;

import org.hl7gw.core.delivery.QueuePosition;

/**
 * A snapshot of a lane, for status pages and metrics. Counters cover this lane object's life.
 *
 * @param destination the destination id
 * @param state what it is doing
 * @param reason why it is HALTED or STOPPED (null otherwise)
 * @param position the last message with a final outcome in this run ({@link QueuePosition#START} at first)
 * @param delivered messages DELIVERED
 * @param rejected messages REJECTED
 * @param failed messages FAILED
 * @param attempts attempts made (accepted or not)
 * @param lastError the most recent failed attempt's detail (null when none)
 */
public record LaneStatus(String destination, LaneState state, String reason, QueuePosition position, long delivered, long rejected,
        long failed, long attempts, String lastError) {
}
