package org.hl7gw.pgp;

import org.hl7gw.core.GatewayException;

/**
 * Root of the OpenPGP errors. Messages are for operators: they name files, key IDs, fingerprints,
 * algorithms, limits and byte counts, never the content of a message.
 */
public abstract class PgpException extends GatewayException {
    private static final long serialVersionUID = 1L;

    protected PgpException(String message) {
        super(message);
    }

    protected PgpException(String message, Throwable cause) {
        super(message, cause);
    }
}
