package org.hl7gw.pgp;

/** What the decryptor demands of a message's signature. */
public enum SignaturePolicy {
    /** A valid signature by a configured signer key is required; anything else refuses the file. */
    REQUIRED,
    /** A signature, when present, must be valid and by a configured signer; an unsigned file is accepted. */
    OPTIONAL,
    /** Signatures are not checked, even when present. */
    NONE
}
