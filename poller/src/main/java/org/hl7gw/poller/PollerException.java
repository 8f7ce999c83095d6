package org.hl7gw.poller;

import org.hl7gw.core.GatewayException;

/**
 * A poller's run could not reach or read its folder. The message names the poller's location, the user and the
 * reason (never file contents, never a password).
 */
public class PollerException extends GatewayException {
    private static final long serialVersionUID = 1L;

    public PollerException(String message) {
        super(message);
    }

    public PollerException(String message, Throwable cause) {
        super(message, cause);
    }
}
