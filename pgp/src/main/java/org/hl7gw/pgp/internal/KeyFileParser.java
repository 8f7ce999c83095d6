package org.hl7gw.pgp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.hl7gw.pgp.KeyFileException;

/**
 * Reads OpenPGP key material: binary or armored, one or several key blocks in one file (as
 * {@code gpg --export a b} or concatenated exports produce).
 */
public final class KeyFileParser {
    /** Key files are small; anything larger is refused before it is read into memory. */
    public static final int MAX_KEY_FILE_BYTES = 16 << 20;

    private static final byte[] ARMOR_BEGIN = "-----BEGIN PGP ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARMOR_END = "-----END PGP ".getBytes(StandardCharsets.US_ASCII);

    /** What one source held. */
    public record Parsed(String source, List<PGPSecretKeyRing> secretRings, List<PGPPublicKeyRing> publicRings) {
        public Parsed {
            secretRings = List.copyOf(secretRings);
            publicRings = List.copyOf(publicRings);
        }

        /** The public parts of everything: public rings, and the public keys of secret rings. */
        public List<PGPPublicKeyRing> allPublicRings() {
            List<PGPPublicKeyRing> all = new ArrayList<>(publicRings);
            for (PGPSecretKeyRing s : secretRings) {
                List<PGPPublicKey> keys = new ArrayList<>();
                s.getPublicKeys().forEachRemaining(keys::add);
                all.add(new PGPPublicKeyRing(keys));
            }
            return all;
        }
    }

    private KeyFileParser() {
    }

    /** Reads all of {@code in} (at most {@link #MAX_KEY_FILE_BYTES}) and parses it. */
    public static Parsed read(InputStream in, String source) {
        byte[] data;
        try {
            data = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new KeyFileException("cannot read key file " + source + ": " + e.getMessage(), e);
        }
        if (data.length > MAX_KEY_FILE_BYTES) {
            throw new KeyFileException(source + " is larger than " + (MAX_KEY_FILE_BYTES >> 20) + " MiB: not a key file");
        }
        return parse(data, source);
    }

    public static Parsed parse(byte[] data, String source) {
        if (data.length == 0) {
            throw new KeyFileException(source + " is empty: not an OpenPGP key file");
        }
        List<PGPSecretKeyRing> secret = new ArrayList<>();
        List<PGPPublicKeyRing> pub = new ArrayList<>();
        boolean binary = (data[0] & 0x80) != 0;
        int begin = binary ? -1 : indexOf(data, ARMOR_BEGIN, 0);
        if (begin >= 0) {
            int blocks = 0;
            while (begin >= 0) {
                int end = indexOf(data, ARMOR_END, begin);
                if (end < 0) {
                    throw new KeyFileException(source + ": armored block at byte " + begin + " has no END line");
                }
                int lineEnd = end;
                while (lineEnd < data.length && data[lineEnd] != '\n') {
                    lineEnd++;
                }
                String header = new String(data, begin, Math.min(64, data.length - begin), StandardCharsets.US_ASCII).lines()
                        .findFirst().orElse("");
                if (header.startsWith("-----BEGIN PGP MESSAGE") || header.startsWith("-----BEGIN PGP SIGNED MESSAGE")) {
                    throw new KeyFileException(source + " holds an OpenPGP message, not a key");
                }
                try (InputStream armored = new ArmoredInputStream(new ByteArrayInputStream(data, begin, lineEnd - begin + 1))) {
                    collect(armored, source, secret, pub);
                } catch (IOException e) {
                    throw new KeyFileException(source + " is not a readable OpenPGP key file: " + e.getMessage(), e);
                }
                blocks++;
                begin = indexOf(data, ARMOR_BEGIN, lineEnd);
            }
            if (blocks == 0) {
                throw new KeyFileException(source + " holds no OpenPGP key block");
            }
        } else {
            if (!binary) {
                throw new KeyFileException(source + " is not an OpenPGP key file (neither armored nor binary OpenPGP)");
            }
            collect(new ByteArrayInputStream(data), source, secret, pub);
        }
        if (secret.isEmpty() && pub.isEmpty()) {
            throw new KeyFileException(source + " holds no OpenPGP keys");
        }
        return new Parsed(source, secret, pub);
    }

    private static void collect(InputStream in, String source, List<PGPSecretKeyRing> secret, List<PGPPublicKeyRing> pub) {
        PGPObjectFactory factory = new PGPObjectFactory(in, Operators.FINGERPRINTS);
        try {
            Object o;
            while ((o = factory.nextObject()) != null) {
                if (o instanceof PGPSecretKeyRing s) {
                    secret.add(s);
                } else if (o instanceof PGPPublicKeyRing p) {
                    pub.add(p);
                } else if (o instanceof PGPEncryptedDataList) {
                    throw new KeyFileException(source + " holds an encrypted OpenPGP message, not a key");
                } else if (o instanceof PGPMarker || o instanceof PGPSignatureList) {
                    // markers mean nothing; a lone signature (e.g. a detached revocation) is not a key
                    continue;
                } else {
                    throw new KeyFileException(source + " holds " + o.getClass().getSimpleName().replace("PGP", "OpenPGP ")
                            + " data, not a key");
                }
            }
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new KeyFileException(source + " is not a readable OpenPGP key file: " + cause.getMessage(), e);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (data[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
