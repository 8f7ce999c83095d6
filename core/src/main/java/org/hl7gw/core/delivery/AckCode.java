package org.hl7gw.core.delivery;

import java.util.Optional;

/**
 * MSA-1, the acknowledgment code (HL7 table 0008). Original mode: AA, AE, AR. Enhanced mode (commit
 * acknowledgements): CA, CE, CR.
 */
public enum AckCode {
    /** Application accept. */
    AA,
    /** Application error: the receiver could not process it now; worth retrying. */
    AE,
    /** Application reject: the receiver will never take it; retrying is pointless. */
    AR,
    /** Commit accept. */
    CA,
    /** Commit error. */
    CE,
    /** Commit reject. */
    CR;

    public boolean accepted() {
        return this == AA || this == CA;
    }

    public boolean error() {
        return this == AE || this == CE;
    }

    public boolean rejected() {
        return this == AR || this == CR;
    }

    /** The code for MSA-1 text (surrounding spaces ignored), or empty when it is none of the six. */
    public static Optional<AckCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        for (AckCode c : values()) {
            if (c.name().equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
