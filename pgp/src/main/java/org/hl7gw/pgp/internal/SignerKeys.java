package org.hl7gw.pgp.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.hl7gw.pgp.KeyRef;
import org.hl7gw.pgp.SignatureException;

/** The partners' public keys whose signatures the gateway accepts, by key ID (primary keys and subkeys). */
public final class SignerKeys {

    /**
     * A signer key, its primary key and where it came from, with its revocation and expiry worked out once
     * (checking a revocation signature mutates Bouncy Castle objects, which must not happen while several
     * files are verified at once).
     */
    public record Signer(PGPPublicKey key, PGPPublicKey primary, KeyRef ref, String source, Optional<String> revocation,
                         Optional<Instant> keyExpiry, Optional<Instant> primaryExpiry) {
    }

    private final Map<Long, Signer> byKeyId;

    private SignerKeys(Map<Long, Signer> byKeyId) {
        this.byKeyId = Collections.unmodifiableMap(byKeyId);
    }

    public static SignerKeys of(List<Sourced<PGPPublicKeyRing>> rings) {
        Map<Long, Signer> map = new LinkedHashMap<>();
        for (Sourced<PGPPublicKeyRing> sourced : rings) {
            PGPPublicKey primary = sourced.value().getPublicKey();
            for (Iterator<PGPPublicKey> it = sourced.value().getPublicKeys(); it.hasNext(); ) {
                PGPPublicKey key = it.next();
                map.putIfAbsent(key.getKeyID(), new Signer(key, primary, KeyFacts.ref(key, primary), sourced.source(),
                        revocation(key, primary), KeyFacts.expiry(key), KeyFacts.expiry(primary)));
            }
        }
        return new SignerKeys(map);
    }

    public boolean isEmpty() {
        return byKeyId.isEmpty();
    }

    /** The primary keys, e.g. "0x1234567890ABCDEF (Partner <p@example.org>), ...". */
    public String describe() {
        return byKeyId.values().stream().filter(s -> s.key() == s.primary())
                .map(s -> KeyIds.ox(s.primary().getKeyID()) + s.ref().userId().map(u -> " (" + u + ")").orElse(""))
                .distinct().collect(java.util.stream.Collectors.joining(", "));
    }

    public Optional<Signer> byKeyId(long keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /**
     * Why this signer's signature made at {@code signedAt} must be refused: a revoked key (or primary), or
     * a key (or primary) that had expired by then; empty when it is acceptable.
     */
    public static Optional<SignatureException> keyProblem(Signer signer, Instant signedAt) {
        String who = "signing key " + signer.ref().describe();
        if (signer.revocation().isPresent()) {
            return Optional.of(new SignatureException(SignatureException.Reason.KEY_REVOKED,
                    who + " is revoked (" + signer.revocation().get() + ")"));
        }
        boolean subkey = signer.key() != signer.primary();
        if (subkey && signer.primaryExpiry().isPresent() && !signedAt.isBefore(signer.primaryExpiry().get())) {
            return Optional.of(new SignatureException(SignatureException.Reason.KEY_EXPIRED, who + " (its primary key "
                    + KeyIds.ox(signer.primary().getKeyID()) + ") expired at " + signer.primaryExpiry().get()
                    + ", before the signature was made at " + signedAt));
        }
        if (signer.keyExpiry().isPresent() && !signedAt.isBefore(signer.keyExpiry().get())) {
            return Optional.of(new SignatureException(SignatureException.Reason.KEY_EXPIRED,
                    who + " expired at " + signer.keyExpiry().get() + ", before the signature was made at " + signedAt));
        }
        if (signedAt.isBefore(signer.key().getCreationTime().toInstant())) {
            return Optional.of(new SignatureException(SignatureException.Reason.BAD,
                    "the signature is dated " + signedAt + ", before " + who + " was created at "
                            + signer.key().getCreationTime().toInstant()));
        }
        return Optional.empty();
    }

    private static Optional<String> revocation(PGPPublicKey key, PGPPublicKey primary) {
        Optional<PGPSignature> revoked = KeyFacts.revocation(primary, primary);
        if (revoked.isEmpty() && key != primary) {
            revoked = KeyFacts.revocation(key, primary);
        }
        return revoked.map(r -> "since " + r.getCreationTime().toInstant() + KeyFacts.revocationReason(r).map(s -> ", " + s).orElse(""));
    }
}
