package org.hl7gw.pgp;

/** The configured passphrase does not unlock a secret key (named by key ID and file). */
public final class WrongPassphraseException extends PgpException {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message, Throwable cause) {
        super(message, cause);
    }
}
