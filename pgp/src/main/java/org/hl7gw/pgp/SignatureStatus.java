package org.hl7gw.pgp;

/** What became of a message's signature. */
public enum SignatureStatus {
    /** A signature by a configured signer key was verified. */
    VERIFIED,
    /** The message carries no signature. */
    NOT_SIGNED,
    /** The message is signed but the policy is {@link SignaturePolicy#NONE}: nothing was checked. */
    NOT_CHECKED
}
