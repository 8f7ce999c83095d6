package org.hl7gw.pgp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.hl7gw.pgp.internal.KeyIds;
import org.hl7gw.pgp.internal.Sourced;

/** Public key rings (certificates) read by {@link PgpKeys}, each with the file it came from. */
public final class PgpPublicKeys {
    private final List<Sourced<PGPPublicKeyRing>> rings;

    PgpPublicKeys(List<Sourced<PGPPublicKeyRing>> rings) {
        this.rings = List.copyOf(rings);
    }

    List<Sourced<PGPPublicKeyRing>> rings() {
        return rings;
    }

    /** Both sets in one. */
    public PgpPublicKeys and(PgpPublicKeys other) {
        List<Sourced<PGPPublicKeyRing>> all = new ArrayList<>(rings);
        all.addAll(other.rings);
        return new PgpPublicKeys(all);
    }

    /** Key IDs of every key and subkey, 16 upper-case hex digits. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        for (Sourced<PGPPublicKeyRing> r : rings) {
            for (Iterator<PGPPublicKey> it = r.value().getPublicKeys(); it.hasNext(); ) {
                ids.add(KeyIds.hex(it.next().getKeyID()));
            }
        }
        return ids;
    }

    /** Primary-key fingerprints, one per certificate. */
    public List<String> fingerprints() {
        return rings.stream().map(r -> KeyIds.fingerprint(r.value().getPublicKey().getFingerprint())).toList();
    }

    public List<String> sources() {
        return rings.stream().map(Sourced::source).distinct().toList();
    }

    public boolean isEmpty() {
        return rings.isEmpty();
    }

    public int size() {
        return rings.size();
    }

    @Override
    public String toString() {
        return "public keys " + fingerprints() + " from " + sources();
    }
}
