package org.hl7gw.core;

/**
 * Root of the gateway's typed errors.
 *
 * <p>Messages of these exceptions end up in logs, in the ledger and in partners' result files. They name
 * files, line numbers, byte offsets, segment names, control IDs, counts and settings, but never the content
 * of a message (which is protected health information). Code that builds a message from message bytes must
 * keep it to structure (segment names, field positions), never field values other than MSH-10.
 */
public abstract class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected GatewayException(String message) {
        super(message);
    }

    protected GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
