package org.hl7gw.pgp;

/** A well-formed message uses something the gateway does not handle (an algorithm, a packet version). */
public final class UnsupportedPgpException extends PgpException {
    private static final long serialVersionUID = 1L;

    public UnsupportedPgpException(String message) {
        super(message);
    }

    public UnsupportedPgpException(String message, Throwable cause) {
        super(message, cause);
    }
}
