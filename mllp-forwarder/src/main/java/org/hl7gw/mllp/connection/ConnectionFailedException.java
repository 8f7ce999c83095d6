package org.hl7gw.mllp.connection;

import org.hl7gw.core.GatewayException;

/**
 * The connection could not be opened or broke: refused, reset, closed by the peer, TLS handshake failed, a
 * write failed. The message names the endpoint, the step and the cause's class and message (which come from
 * the network stack, not from message content).
 */
public class ConnectionFailedException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final MllpEndpoint endpoint;

    public ConnectionFailedException(MllpEndpoint endpoint, String step, Throwable cause) {
        super(step + " " + endpoint + " failed: " + describe(cause), cause);
        this.endpoint = endpoint;
    }

    public ConnectionFailedException(MllpEndpoint endpoint, String what) {
        super(what + " (" + endpoint + ")");
        this.endpoint = endpoint;
    }

    public MllpEndpoint endpoint() {
        return endpoint;
    }

    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
