package org.hl7gw.pgp;

import java.util.Objects;
import java.util.Optional;

/**
 * A key as operators see it.
 *
 * @param keyId       16 upper-case hex digits (the low 64 bits of a v4 fingerprint)
 * @param fingerprint 40 (v4) or 64 (v5/v6) upper-case hex digits
 * @param algorithm   e.g. RSA-3072, Ed25519, Cv25519, ECDH P-256, ECDSA P-384
 * @param userId      the primary user ID of the key's certificate, when known
 */
public record KeyRef(String keyId, String fingerprint, String algorithm, Optional<String> userId) {
    public KeyRef {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(userId, "userId");
    }

    /** "0xKEYID (ALGORITHM, USER ID)" for log lines and messages. */
    public String describe() {
        return "0x" + keyId + " (" + algorithm + userId.map(u -> ", " + u).orElse("") + ")";
    }
}
