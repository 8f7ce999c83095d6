package org.hl7gw.mllp.frame;

import org.hl7gw.core.GatewayException;

/**
 * Root of the framing layer's errors. Messages name states, byte values and counts, never frame content.
 */
public abstract class FrameException extends GatewayException {
    private static final long serialVersionUID = 1L;

    protected FrameException(String message) {
        super(message);
    }

    protected FrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
