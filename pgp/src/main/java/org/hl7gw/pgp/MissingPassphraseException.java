package org.hl7gw.pgp;

/** A secret key is protected by a passphrase and none was configured. */
public final class MissingPassphraseException extends PgpException {
    private static final long serialVersionUID = 1L;

    public MissingPassphraseException(String message) {
        super(message);
    }
}
