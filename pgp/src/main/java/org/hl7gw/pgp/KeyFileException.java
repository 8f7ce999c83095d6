package org.hl7gw.pgp;

/** A key file cannot be used: missing, unreadable, not OpenPGP key material, or the wrong kind of key. */
public final class KeyFileException extends PgpException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
