package org.hl7gw.pgp;

/** The input is not a well-formed OpenPGP message: truncated, garbage, or packets in an impossible order. */
public final class CorruptDataException extends PgpException {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
