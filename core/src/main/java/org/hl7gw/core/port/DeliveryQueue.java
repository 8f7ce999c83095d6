package org.hl7gw.core.port;

import java.util.List;
import java.util.Optional;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.delivery.QueuePosition;

/**
 * A lane's view of the ledger: the messages waiting for one destination, in delivery order.
 *
 * <p>Implementations read committed state only. Outcomes the lane has handed to a {@link DeliveryJournal}
 * but that are not yet flushed still show as pending: the lane keeps its own position and calls
 * {@link DeliveryJournal#flush()} before it scans from the start again.
 */
public interface DeliveryQueue {

    /**
     * PENDING messages of QUEUED or FAILED files addressed to the destination (a file is FAILED as soon as one
     * message failed, yet with an on-failure=continue policy its other messages still go), strictly after
     * {@code after} in (file id, sequence) order, at most {@code limit} of them.
     */
    List<OutboundMessage> pending(String destination, QueuePosition after, int limit);

    /** The lane's recorded halt, if it is halted. */
    Optional<LaneHalt> halt(String destination);
}
