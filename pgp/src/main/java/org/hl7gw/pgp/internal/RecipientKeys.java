package org.hl7gw.pgp.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.hl7gw.pgp.KeyFileException;

/** Picks the key to encrypt to in each recipient certificate, as GnuPG does: the newest valid encryption subkey. */
public final class RecipientKeys {
    private RecipientKeys() {
    }

    public static List<PGPPublicKey> choose(List<Sourced<PGPPublicKeyRing>> certificates, Instant now) {
        List<PGPPublicKey> chosen = new ArrayList<>();
        for (Sourced<PGPPublicKeyRing> cert : certificates) {
            PGPPublicKey primary = cert.value().getPublicKey();
            String who = KeyIds.ox(primary.getKeyID()) + KeyFacts.primaryUserId(primary).map(u -> " (" + u + ")").orElse("")
                    + " in " + cert.source();
            if (KeyFacts.revocation(primary, primary).isPresent()) {
                throw new KeyFileException("certificate " + who + " is revoked: refusing to encrypt to it");
            }
            if (KeyFacts.expiry(primary).map(e -> !now.isBefore(e)).orElse(false)) {
                throw new KeyFileException("certificate " + who + " expired at " + KeyFacts.expiry(primary).get());
            }
            PGPPublicKey best = null;
            for (Iterator<PGPPublicKey> it = cert.value().getPublicKeys(); it.hasNext(); ) {
                PGPPublicKey k = it.next();
                if (!KeyFacts.isEncryptionKey(k, primary) || KeyFacts.revocation(k, primary).isPresent()
                        || KeyFacts.expiry(k).map(e -> !now.isBefore(e)).orElse(false)) {
                    continue;
                }
                if (best == null || k.getCreationTime().after(best.getCreationTime())) {
                    best = k;
                }
            }
            if (best == null) {
                throw new KeyFileException("certificate " + who + " has no usable encryption key (revoked, expired or missing)");
            }
            chosen.add(best);
        }
        return chosen;
    }
}
