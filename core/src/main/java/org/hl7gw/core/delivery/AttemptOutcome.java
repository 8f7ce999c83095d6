package org.hl7gw.core.delivery;

/** What one attempt to deliver a message ended with, as recorded in the ledger's attempts. */
public enum AttemptOutcome {
    AA, AE, AR, CA, CE, CR,
    /** No acknowledgement arrived within the ACK timeout. */
    TIMEOUT,
    /** Connection refused, reset or closed, TLS handshake failed, or the write failed. */
    CONNECTION_ERROR,
    /** Something came back that is not an acknowledgement of this message (no MSA, unknown MSA-1, bad framing). */
    INVALID_ACK;

    public static AttemptOutcome of(AckCode code) {
        return valueOf(code.name());
    }

    /** The ACK code, for outcomes that are one. */
    public java.util.Optional<AckCode> ackCode() {
        return switch (this) {
            case AA, AE, AR, CA, CE, CR -> java.util.Optional.of(AckCode.valueOf(name()));
            default -> java.util.Optional.empty();
        };
    }
}
