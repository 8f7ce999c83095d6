package org.hl7gw.pgp;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.hl7gw.pgp.internal.Algorithms;
import org.hl7gw.pgp.internal.KeyFacts;
import org.hl7gw.pgp.internal.KeyFileParser;
import org.hl7gw.pgp.internal.KeyIds;

/** Lists the keys and subkeys of a key file, for {@code gateway keys inspect}. */
public final class KeyInspector {
    private KeyInspector() {
    }

    /**
     * @throws KeyFileException naming the file when it is missing, unreadable or not a key file
     */
    public static List<KeyInfo> inspect(Path file) {
        return describe(PgpKeys.parse(file));
    }

    public static List<KeyInfo> inspect(InputStream in, String source) {
        return describe(KeyFileParser.read(in, source));
    }

    private static List<KeyInfo> describe(KeyFileParser.Parsed parsed) {
        List<KeyInfo> result = new ArrayList<>();
        for (PGPSecretKeyRing ring : parsed.secretRings()) {
            PGPPublicKey primary = ring.getPublicKey();
            for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey s = it.next();
                boolean material = !s.isPrivateKeyEmpty() && !(s.getS2K() != null && s.getS2K().getType() == org.bouncycastle.bcpg.S2K.GNU_DUMMY_S2K);
                result.add(info(s.getPublicKey(), primary, material, material && s.getS2KUsage() != SecretKeyPacket.USAGE_NONE,
                        parsed.source()));
            }
        }
        for (PGPPublicKeyRing ring : parsed.publicRings()) {
            PGPPublicKey primary = ring.getPublicKey();
            for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
                result.add(info(it.next(), primary, false, false, parsed.source()));
            }
        }
        return result;
    }

    private static KeyInfo info(PGPPublicKey key, PGPPublicKey primary, boolean secret, boolean protectedKey, String source) {
        boolean isPrimary = key.getKeyID() == primary.getKeyID();
        boolean revoked = KeyFacts.revocation(primary, primary).isPresent()
                || (!isPrimary && KeyFacts.revocation(key, primary).isPresent());
        return new KeyInfo(KeyIds.hex(key.getKeyID()), KeyIds.fingerprint(key.getFingerprint()), Algorithms.publicKey(key), isPrimary,
                key.getCreationTime().toInstant(), KeyFacts.expiry(key), capabilities(key, primary, isPrimary), revoked,
                KeyFacts.userIds(primary), secret, protectedKey, source);
    }

    private static Set<KeyCapability> capabilities(PGPPublicKey key, PGPPublicKey primary, boolean isPrimary) {
        Set<KeyCapability> caps = EnumSet.noneOf(KeyCapability.class);
        int flags = KeyFacts.keyFlags(key, primary);
        if (flags == 0) {
            if (isPrimary) {
                caps.add(KeyCapability.CERTIFY);
            }
            if (Algorithms.canSign(key.getAlgorithm())) {
                caps.add(KeyCapability.SIGN);
            }
            if (Algorithms.canEncrypt(key.getAlgorithm())) {
                caps.add(KeyCapability.ENCRYPT);
            }
            return caps;
        }
        if ((flags & KeyFlags.CERTIFY_OTHER) != 0) {
            caps.add(KeyCapability.CERTIFY);
        }
        if ((flags & KeyFlags.SIGN_DATA) != 0) {
            caps.add(KeyCapability.SIGN);
        }
        if ((flags & KeyFacts.ENCRYPT) != 0) {
            caps.add(KeyCapability.ENCRYPT);
        }
        if ((flags & KeyFlags.AUTHENTICATION) != 0) {
            caps.add(KeyCapability.AUTHENTICATE);
        }
        return caps;
    }
}
