package org.hl7gw.pgp.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.hl7gw.pgp.KeyRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a key's self-signatures say: usage flags, expiry, revocation, user ID. */
public final class KeyFacts {
    private static final Logger LOG = LoggerFactory.getLogger(KeyFacts.class);

    public static final int ENCRYPT = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

    private KeyFacts() {
    }

    public static KeyRef ref(PGPPublicKey key, PGPPublicKey primary) {
        return new KeyRef(KeyIds.hex(key.getKeyID()), KeyIds.fingerprint(key.getFingerprint()), Algorithms.publicKey(key),
                primaryUserId(primary));
    }

    public static Optional<String> primaryUserId(PGPPublicKey primary) {
        Iterator<String> ids = primary.getUserIDs();
        return ids.hasNext() ? Optional.of(ids.next()) : Optional.empty();
    }

    public static List<String> userIds(PGPPublicKey primary) {
        List<String> ids = new ArrayList<>();
        primary.getUserIDs().forEachRemaining(ids::add);
        return ids;
    }

    /**
     * The key-flags subpacket of the newest self-signature that carries one (user-ID certification or
     * direct-key signature for a primary key, binding signature for a subkey); 0 when none says.
     */
    public static int keyFlags(PGPPublicKey key, PGPPublicKey primary) {
        PGPSignature newest = null;
        for (Iterator<PGPSignature> it = key.getSignatures(); it.hasNext(); ) {
            PGPSignature sig = it.next();
            if (sig.getKeyID() != primary.getKeyID() || !isSelfSignatureType(sig.getSignatureType(), key == primary)) {
                continue;
            }
            PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
            if (hashed == null || hashed.getKeyFlags() == 0) {
                continue;
            }
            if (newest == null || sig.getCreationTime().after(newest.getCreationTime())) {
                newest = sig;
            }
        }
        return newest == null ? 0 : newest.getHashedSubPackets().getKeyFlags();
    }

    /** Whether the key may receive encrypted messages: its flags say so, or (no flags) its algorithm can. */
    public static boolean isEncryptionKey(PGPPublicKey key, PGPPublicKey primary) {
        if (!Algorithms.canEncrypt(key.getAlgorithm())) {
            return false;
        }
        int flags = keyFlags(key, primary);
        return flags == 0 || (flags & ENCRYPT) != 0;
    }

    /** Whether the key may sign data: its flags say so, or (no flags) its algorithm can. */
    public static boolean isSigningKey(PGPPublicKey key, PGPPublicKey primary) {
        if (!Algorithms.canSign(key.getAlgorithm())) {
            return false;
        }
        int flags = keyFlags(key, primary);
        return flags == 0 || (flags & KeyFlags.SIGN_DATA) != 0;
    }

    /** When the key expires, or empty when it never does. */
    public static Optional<Instant> expiry(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        if (seconds <= 0) {
            return Optional.empty();
        }
        return Optional.of(key.getCreationTime().toInstant().plusSeconds(seconds));
    }

    /**
     * A revocation signature on this key (key revocation for a primary, subkey revocation for a subkey)
     * that the primary key really made; empty when there is none or none verifies.
     */
    public static Optional<PGPSignature> revocation(PGPPublicKey key, PGPPublicKey primary) {
        boolean isPrimary = key == primary || key.getKeyID() == primary.getKeyID();
        int type = isPrimary ? PGPSignature.KEY_REVOCATION : PGPSignature.SUBKEY_REVOCATION;
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext(); ) {
            PGPSignature sig = it.next();
            if (sig.getKeyID() != primary.getKeyID()) {
                continue; // a designated revoker's key is not at hand: cannot be checked
            }
            try {
                sig.init(Operators.signatureVerifiers(), primary);
                boolean valid = isPrimary ? sig.verifyCertification(primary) : sig.verifyCertification(primary, key);
                if (valid) {
                    return Optional.of(sig);
                }
                LOG.warn("ignoring a revocation signature on key {} that does not verify", KeyIds.ox(key.getKeyID()));
            } catch (PGPException | RuntimeException e) {
                LOG.warn("ignoring a revocation signature on key {} that cannot be checked: {}", KeyIds.ox(key.getKeyID()), e.toString());
            }
        }
        return Optional.empty();
    }

    /** The reason text of a revocation, e.g. "key compromised", or empty. */
    public static Optional<String> revocationReason(PGPSignature revocation) {
        PGPSignatureSubpacketVector hashed = revocation.getHashedSubPackets();
        if (hashed == null) {
            return Optional.empty();
        }
        var reason = hashed.getRevocationReason();
        if (reason == null) {
            return Optional.empty();
        }
        String kind = switch (reason.getRevocationReason()) {
            case 0 -> "no reason specified";
            case 1 -> "key superseded";
            case 2 -> "key compromised";
            case 3 -> "key retired";
            default -> "reason " + reason.getRevocationReason();
        };
        return Optional.of(kind);
    }

    private static boolean isSelfSignatureType(int type, boolean primary) {
        if (primary) {
            return type == PGPSignature.POSITIVE_CERTIFICATION || type == PGPSignature.CASUAL_CERTIFICATION
                    || type == PGPSignature.NO_CERTIFICATION || type == PGPSignature.DEFAULT_CERTIFICATION
                    || type == PGPSignature.DIRECT_KEY;
        }
        return type == PGPSignature.SUBKEY_BINDING;
    }
}
