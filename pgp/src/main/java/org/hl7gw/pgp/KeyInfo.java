package org.hl7gw.pgp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One key or subkey of a key file, as {@code gateway keys inspect} shows it.
 *
 * @param keyId               16 upper-case hex digits
 * @param fingerprint         40 or 64 upper-case hex digits
 * @param algorithm           e.g. RSA-3072, Ed25519, Cv25519, ECDH P-256
 * @param primary             primary key (true) or subkey (false)
 * @param created             creation time
 * @param expires             expiry, empty when it never expires
 * @param capabilities        certify, sign, encrypt, authenticate
 * @param revoked             revoked (the key itself, or its primary key)
 * @param userIds             the certificate's user IDs (for subkeys too, for context)
 * @param secret              the file holds this key's secret material
 * @param passphraseProtected the secret material is protected by a passphrase
 * @param source              the file it was read from
 */
public record KeyInfo(String keyId, String fingerprint, String algorithm, boolean primary, Instant created,
                      Optional<Instant> expires, Set<KeyCapability> capabilities, boolean revoked, List<String> userIds,
                      boolean secret, boolean passphraseProtected, String source) {
    public KeyInfo {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        capabilities = Set.copyOf(capabilities);
        userIds = List.copyOf(userIds);
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expires.map(e -> !now.isBefore(e)).orElse(false);
    }

    /** Capability letters in GnuPG's order: S, C, E, A (e.g. "SC" for a signing primary key). */
    public String capabilityLetters() {
        StringBuilder s = new StringBuilder();
        for (KeyCapability c : new KeyCapability[] {KeyCapability.SIGN, KeyCapability.CERTIFY, KeyCapability.ENCRYPT,
                KeyCapability.AUTHENTICATE}) {
            if (capabilities.contains(c)) {
                s.append(c.name().charAt(0));
            }
        }
        return s.toString();
    }

    /** One line, GnuPG-like: {@code sec  Ed25519  0x...  [SC]  created 2024-01-01  expires never  "User"}. */
    public String describe() {
        String kind = (primary ? (secret ? "sec" : "pub") : (secret ? "ssb" : "sub"));
        return kind + "  " + algorithm + "  0x" + keyId + "  [" + capabilityLetters() + "]  created " + created
                + "  expires " + expires.map(Instant::toString).orElse("never") + (revoked ? "  REVOKED" : "")
                + (secret && passphraseProtected ? "  passphrase-protected" : "")
                + (primary && !userIds.isEmpty() ? "  " + userIds.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", ")) : "")
                + "\n      fingerprint " + fingerprint;
    }
}
