package org.hl7gw.pgp.internal;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.hl7gw.pgp.KeyFileException;
import org.hl7gw.pgp.KeyRef;
import org.hl7gw.pgp.MissingPassphraseException;
import org.hl7gw.pgp.WrongPassphraseException;

/** Picks and unlocks the key that signs outgoing messages: the newest valid signing key of the first ring. */
public final class SigningKeys {

    /** An unlocked signing key. */
    public record Unlocked(PGPPrivateKey privateKey, PGPPublicKey publicKey, KeyRef ref) {
    }

    private SigningKeys() {
    }

    public static Unlocked unlock(List<Sourced<PGPSecretKeyRing>> rings, char[] passphrase, Instant now) {
        for (Sourced<PGPSecretKeyRing> sourced : rings) {
            PGPPublicKey primary = sourced.value().getPublicKey();
            PGPSecretKey best = null;
            for (Iterator<PGPSecretKey> it = sourced.value().getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey s = it.next();
                PGPPublicKey pub = s.getPublicKey();
                if (s.isPrivateKeyEmpty() || !KeyFacts.isSigningKey(pub, primary) || KeyFacts.revocation(pub, primary).isPresent()
                        || KeyFacts.expiry(pub).map(e -> !now.isBefore(e)).orElse(false)) {
                    continue;
                }
                if (best == null || pub.getCreationTime().after(best.getPublicKey().getCreationTime())) {
                    best = s;
                }
            }
            if (best == null) {
                continue;
            }
            String key = "signing key " + KeyIds.ox(best.getKeyID()) + " in " + sourced.source();
            boolean protectedKey = best.getS2KUsage() != SecretKeyPacket.USAGE_NONE;
            if (protectedKey && (passphrase == null || passphrase.length == 0)) {
                throw new MissingPassphraseException(key + " is protected by a passphrase, and no passphrase is configured");
            }
            try {
                PGPPrivateKey privateKey = best.extractPrivateKey(protectedKey ? Operators.unlocker(passphrase) : null);
                return new Unlocked(privateKey, best.getPublicKey(), KeyFacts.ref(best.getPublicKey(), primary));
            } catch (PGPException e) {
                if (protectedKey) {
                    throw new WrongPassphraseException("the configured passphrase does not unlock " + key, e);
                }
                throw new KeyFileException("cannot read " + key + ": " + e.getMessage(), e);
            }
        }
        throw new KeyFileException("no usable signing key in " + String.join(", ", rings.stream().map(Sourced::source).distinct().toList()));
    }
}
