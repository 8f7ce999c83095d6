package org.hl7gw.pgp;

/** The policy requires encryption and the payload is plaintext, or signed but not encrypted. */
public final class EncryptionRequiredException extends PgpException {
    private static final long serialVersionUID = 1L;

    public EncryptionRequiredException(String message) {
        super(message);
    }
}
