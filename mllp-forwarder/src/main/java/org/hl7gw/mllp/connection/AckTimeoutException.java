package org.hl7gw.mllp.connection;

import java.time.Duration;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Durations;
import org.hl7gw.core.GatewayException;

/**
 * No acknowledgement of the message arrived within the ACK timeout (or the peer did not even take the
 * message within it). The receiver may or may not have processed the message.
 */
public class AckTimeoutException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final ControlId controlId;

    public AckTimeoutException(ControlId controlId, Duration ackTimeout, String what) {
        super(what + " for control ID " + controlId + " within the ACK timeout of " + Durations.format(ackTimeout));
        this.controlId = controlId;
    }

    public ControlId controlId() {
        return controlId;
    }
}
