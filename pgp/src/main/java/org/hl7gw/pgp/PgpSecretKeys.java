package org.hl7gw.pgp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.hl7gw.pgp.internal.KeyIds;
import org.hl7gw.pgp.internal.Sourced;

/** Secret key rings read by {@link PgpKeys}, each with the file it came from. Still locked. */
public final class PgpSecretKeys {
    private final List<Sourced<PGPSecretKeyRing>> rings;

    PgpSecretKeys(List<Sourced<PGPSecretKeyRing>> rings) {
        this.rings = List.copyOf(rings);
    }

    List<Sourced<PGPSecretKeyRing>> rings() {
        return rings;
    }

    /** Key IDs of every key and subkey, 16 upper-case hex digits. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        for (Sourced<PGPSecretKeyRing> r : rings) {
            for (Iterator<PGPSecretKey> it = r.value().getSecretKeys(); it.hasNext(); ) {
                ids.add(KeyIds.hex(it.next().getKeyID()));
            }
        }
        return ids;
    }

    /** Where the keys came from. */
    public List<String> sources() {
        return rings.stream().map(Sourced::source).distinct().toList();
    }

    public boolean isEmpty() {
        return rings.isEmpty();
    }

    /** The public halves of these keys, e.g. to encrypt to the gateway itself or to hand to partners. */
    public PgpPublicKeys publicKeys() {
        List<Sourced<PGPPublicKeyRing>> pub = new ArrayList<>();
        for (Sourced<PGPSecretKeyRing> r : rings) {
            List<org.bouncycastle.openpgp.PGPPublicKey> keys = new ArrayList<>();
            r.value().getPublicKeys().forEachRemaining(keys::add);
            pub.add(new Sourced<>(new PGPPublicKeyRing(keys), r.source()));
        }
        return new PgpPublicKeys(pub);
    }

    @Override
    public String toString() {
        return "secret keys " + keyIds() + " from " + sources();
    }
}
