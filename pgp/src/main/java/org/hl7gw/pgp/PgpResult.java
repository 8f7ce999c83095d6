package org.hl7gw.pgp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What decryption and verification established about a message. Only returned once the integrity check
 * and the signature policy have passed.
 *
 * @param encrypted          whether the payload was encrypted
 * @param recipientKey       the gateway key that decrypted it (its algorithm is the public-key algorithm used)
 * @param symmetricAlgorithm e.g. AES-256
 * @param integrity          MDC, AEAD, NONE (only with {@code allowUnprotected}) or NOT_ENCRYPTED
 * @param aeadAlgorithm      e.g. OCB, for AEAD packets
 * @param compression        none, ZIP, ZLIB or BZIP2 (nested layers joined with "+")
 * @param signature          VERIFIED, NOT_SIGNED or NOT_CHECKED
 * @param signer             the key that made the verified signature (key ID and fingerprint of the signing
 *                           key or subkey, user ID of its certificate)
 * @param hashAlgorithm      the signature's hash algorithm, e.g. SHA-512
 * @param plaintextBytes     bytes of plaintext delivered
 * @param warnings           things an operator should know (e.g. no integrity protection, weak hash)
 */
public record PgpResult(boolean encrypted, Optional<KeyRef> recipientKey, Optional<String> symmetricAlgorithm,
                        IntegrityProtection integrity, Optional<String> aeadAlgorithm, String compression,
                        SignatureStatus signature, Optional<KeyRef> signer, Optional<String> hashAlgorithm,
                        long plaintextBytes, List<String> warnings) {

    public PgpResult {
        Objects.requireNonNull(recipientKey, "recipientKey");
        Objects.requireNonNull(symmetricAlgorithm, "symmetricAlgorithm");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(aeadAlgorithm, "aeadAlgorithm");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        warnings = List.copyOf(warnings);
    }

    /** Whether the message carried a signature (verified or not checked). */
    public boolean signed() {
        return signature != SignatureStatus.NOT_SIGNED;
    }

    /** Whether a signature by a configured signer was verified. */
    public boolean signatureVerified() {
        return signature == SignatureStatus.VERIFIED;
    }

    /** One line for logs and the ledger: no content, only facts. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        if (encrypted) {
            s.append("encrypted ").append(symmetricAlgorithm.orElse("?"));
            aeadAlgorithm.ifPresent(a -> s.append('/').append(a));
            s.append(" (").append(integrity).append(')');
            recipientKey.ifPresent(k -> s.append(" for ").append(k.describe()));
        } else {
            s.append("not encrypted");
        }
        s.append(", compression ").append(compression);
        switch (signature) {
            case VERIFIED -> s.append(", signed by ").append(signer.map(KeyRef::describe).orElse("?"))
                    .append(hashAlgorithm.map(h -> " with " + h).orElse(""));
            case NOT_CHECKED -> s.append(", signature not checked");
            case NOT_SIGNED -> s.append(", not signed");
        }
        s.append(", ").append(plaintextBytes).append(" bytes");
        if (!warnings.isEmpty()) {
            s.append("; warnings: ").append(String.join("; ", warnings));
        }
        return s.toString();
    }
}
