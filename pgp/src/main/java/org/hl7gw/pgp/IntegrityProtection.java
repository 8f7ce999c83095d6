package org.hl7gw.pgp;

/** How the encrypted data of a message was protected against modification. */
public enum IntegrityProtection {
    /** SEIPD v1 with a Modification Detection Code (what GnuPG 2.2 sends). */
    MDC,
    /** AEAD: GnuPG 2.4's v5 "OCB" packets or RFC 9580 SEIPD v2. */
    AEAD,
    /** An old Symmetrically Encrypted Data packet without MDC; only accepted when the policy allows it. */
    NONE,
    /** The message was not encrypted at all. */
    NOT_ENCRYPTED
}
