package org.hl7gw.pgp;

/**
 * The encrypted data failed its integrity check (MDC or AEAD tag: the file was modified or damaged after
 * it was encrypted), or has no integrity protection at all and the policy does not allow that.
 */
public final class IntegrityException extends PgpException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
