package org.hl7gw.pgp.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.bcpg.S2K;
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

/**
 * The gateway's unlocked decryption keys, by key ID. Built once (at start-up) so a wrong or missing
 * passphrase is reported before the first file arrives.
 */
public final class DecryptionKeys {

    /** An unlocked key that can recover session keys. */
    public record Entry(PGPPrivateKey privateKey, PGPPublicKey publicKey, KeyRef ref, String source) {
        public long keyId() {
            return publicKey.getKeyID();
        }
    }

    private final Map<Long, Entry> byKeyId;

    private DecryptionKeys(Map<Long, Entry> byKeyId) {
        this.byKeyId = Collections.unmodifiableMap(byKeyId);
    }

    public static DecryptionKeys none() {
        return new DecryptionKeys(new LinkedHashMap<>());
    }

    /**
     * Unlocks every encryption-capable secret key (primary or subkey) of these rings.
     *
     * @param passphrase null when no passphrase is configured
     * @throws MissingPassphraseException when a protected key needs a passphrase and none was given
     * @throws WrongPassphraseException   when the passphrase does not unlock a key
     * @throws KeyFileException           when the rings hold no usable decryption key
     */
    public static DecryptionKeys unlock(List<Sourced<PGPSecretKeyRing>> rings, char[] passphrase) {
        Map<Long, Entry> keys = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Sourced<PGPSecretKeyRing> sourced : rings) {
            PGPSecretKeyRing ring = sourced.value();
            PGPPublicKey primary = ring.getPublicKey();
            for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey secret = it.next();
                PGPPublicKey pub = secret.getPublicKey();
                if (!KeyFacts.isEncryptionKey(pub, primary)) {
                    continue;
                }
                if (secret.isPrivateKeyEmpty() || isGnuStub(secret)) {
                    skipped.add(KeyIds.ox(pub.getKeyID()) + " (no secret material in " + sourced.source() + ")");
                    continue;
                }
                PGPPrivateKey privateKey = extract(secret, passphrase, sourced.source());
                keys.putIfAbsent(pub.getKeyID(), new Entry(privateKey, pub, KeyFacts.ref(pub, primary), sourced.source()));
            }
        }
        if (keys.isEmpty() && !rings.isEmpty()) {
            String sources = String.join(", ", rings.stream().map(Sourced::source).distinct().toList());
            throw new KeyFileException("no usable decryption key in " + sources
                    + (skipped.isEmpty() ? ": no secret key there can decrypt (no encryption subkey?)" : ": " + String.join("; ", skipped)));
        }
        return new DecryptionKeys(keys);
    }

    private static boolean isGnuStub(PGPSecretKey secret) {
        S2K s2k = secret.getS2K();
        return secret.getS2KUsage() != SecretKeyPacket.USAGE_NONE && s2k != null && s2k.getType() == S2K.GNU_DUMMY_S2K;
    }

    private static PGPPrivateKey extract(PGPSecretKey secret, char[] passphrase, String source) {
        boolean protectedKey = secret.getS2KUsage() != SecretKeyPacket.USAGE_NONE;
        String key = "secret key " + KeyIds.ox(secret.getKeyID()) + " in " + source;
        if (protectedKey && (passphrase == null || passphrase.length == 0)) {
            throw new MissingPassphraseException(key + " is protected by a passphrase, and no passphrase is configured");
        }
        try {
            return secret.extractPrivateKey(protectedKey ? Operators.unlocker(passphrase) : null);
        } catch (PGPException e) {
            if (protectedKey) {
                throw new WrongPassphraseException("the configured passphrase does not unlock " + key, e);
            }
            throw new KeyFileException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    public Optional<Entry> byKeyId(long keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    public Collection<Entry> all() {
        return byKeyId.values();
    }

    public boolean isEmpty() {
        return byKeyId.isEmpty();
    }

    /** The key IDs, 16 hex digits each. */
    public List<String> keyIds() {
        return byKeyId.keySet().stream().map(KeyIds::hex).toList();
    }
}
