package org.hl7gw.core.port;

import java.io.IOException;
import org.hl7gw.core.delivery.OutboundMessage;

/** Reads the exact bytes of a waiting message (segments ending in CR, no MLLP framing). */
public interface MessageBodies {

    /**
     * @throws IOException when the bytes cannot be read or no longer match what the ledger recorded
     */
    byte[] body(OutboundMessage message) throws IOException;
}
