package org.hl7gw.pgp;

/** The message's signature is refused by the signature policy; {@link #reason()} says why. */
public final class SignatureException extends PgpException {
    private static final long serialVersionUID = 1L;

    /** Why a signature was refused. */
    public enum Reason {
        /** The signature does not match the data: the content or the signature was altered. */
        BAD,
        /** The policy requires a signature and the message has none. */
        MISSING,
        /** Signed by a key that is not among the configured signer keys. */
        UNKNOWN_SIGNER,
        /** The signing key had expired when the signature was made. */
        KEY_EXPIRED,
        /** The signing key (or its primary key) is revoked. */
        KEY_REVOKED
    }

    private final Reason reason;

    public SignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignatureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
