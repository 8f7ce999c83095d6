package org.hl7gw.ledger;

import org.hl7gw.core.GatewayException;

/**
 * The ledger could not do what was asked: the database failed or refused. The message names the operation
 * and the file or message ids; the ledger holds no message content, so nothing in it is PHI.
 */
public class LedgerException extends GatewayException {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
