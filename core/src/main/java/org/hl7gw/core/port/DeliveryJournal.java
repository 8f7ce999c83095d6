package org.hl7gw.core.port;

import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.Settlement;

/**
 * Where a lane writes what happened. Implementations may group writes for speed (see the README's crash
 * bound); {@link #flush()} and {@link #halt(LaneHalt)} make everything written so far durable before they
 * return.
 */
public interface DeliveryJournal {

    /** Records one attempt. May be buffered. */
    void attempt(AttemptRecord attempt);

    /** Records a message's final outcome and updates its file's counts and status. May be buffered. */
    void settle(Settlement settlement);

    /** Flushes, then records that the lane halted. Durable when it returns. */
    void halt(LaneHalt halt);

    /** Makes every attempt and settlement recorded so far durable. */
    void flush();
}
