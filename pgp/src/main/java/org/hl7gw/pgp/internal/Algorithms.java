package org.hl7gw.pgp.internal;

import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.BCPGKey;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.ECPublicBCPGKey;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;

/** Operator-readable names of OpenPGP algorithm numbers. */
public final class Algorithms {
    // RFC 4880 numbers that Bouncy Castle marks deprecated (sign-only / encrypt-only RSA, ElGamal sign+encrypt):
    // still found in old keys, so still named
    private static final int RSA_ENCRYPT_ONLY = 2;
    private static final int RSA_SIGN_ONLY = 3;
    private static final int ELGAMAL_GENERAL = 20;

    private static final Map<String, String> CURVES = Map.ofEntries(
            Map.entry("1.3.6.1.4.1.3029.1.5.1", "Curve25519"),
            Map.entry("1.3.101.110", "Curve25519"),
            Map.entry("1.3.6.1.4.1.11591.15.1", "Ed25519"),
            Map.entry("1.3.101.112", "Ed25519"),
            Map.entry("1.3.101.111", "Curve448"),
            Map.entry("1.3.101.113", "Ed448"),
            Map.entry("1.2.840.10045.3.1.7", "P-256"),
            Map.entry("1.3.132.0.34", "P-384"),
            Map.entry("1.3.132.0.35", "P-521"),
            Map.entry("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1"),
            Map.entry("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1"),
            Map.entry("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1"),
            Map.entry("1.3.132.0.10", "secp256k1"));

    private Algorithms() {
    }

    public static String symmetric(int algorithm) {
        return switch (algorithm) {
            case SymmetricKeyAlgorithmTags.NULL -> "none";
            case SymmetricKeyAlgorithmTags.IDEA -> "IDEA";
            case SymmetricKeyAlgorithmTags.TRIPLE_DES -> "3DES";
            case SymmetricKeyAlgorithmTags.CAST5 -> "CAST5";
            case SymmetricKeyAlgorithmTags.BLOWFISH -> "Blowfish";
            case SymmetricKeyAlgorithmTags.AES_128 -> "AES-128";
            case SymmetricKeyAlgorithmTags.AES_192 -> "AES-192";
            case SymmetricKeyAlgorithmTags.AES_256 -> "AES-256";
            case SymmetricKeyAlgorithmTags.TWOFISH -> "Twofish";
            case SymmetricKeyAlgorithmTags.CAMELLIA_128 -> "Camellia-128";
            case SymmetricKeyAlgorithmTags.CAMELLIA_192 -> "Camellia-192";
            case SymmetricKeyAlgorithmTags.CAMELLIA_256 -> "Camellia-256";
            default -> "symmetric algorithm " + algorithm;
        };
    }

    public static String aead(int algorithm) {
        return switch (algorithm) {
            case AEADAlgorithmTags.EAX -> "EAX";
            case AEADAlgorithmTags.OCB -> "OCB";
            case AEADAlgorithmTags.GCM -> "GCM";
            default -> "AEAD algorithm " + algorithm;
        };
    }

    public static String hash(int algorithm) {
        return switch (algorithm) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
            case HashAlgorithmTags.SHA224 -> "SHA-224";
            case HashAlgorithmTags.SHA256 -> "SHA-256";
            case HashAlgorithmTags.SHA384 -> "SHA-384";
            case HashAlgorithmTags.SHA512 -> "SHA-512";
            case HashAlgorithmTags.SHA3_256 -> "SHA3-256";
            case HashAlgorithmTags.SHA3_512 -> "SHA3-512";
            default -> "hash algorithm " + algorithm;
        };
    }

    /** Weak hash algorithms a signature should not rely on. */
    public static boolean isWeakHash(int algorithm) {
        return algorithm == HashAlgorithmTags.MD5 || algorithm == HashAlgorithmTags.SHA1
                || algorithm == HashAlgorithmTags.RIPEMD160;
    }

    public static String compression(int algorithm) {
        return switch (algorithm) {
            case CompressionAlgorithmTags.UNCOMPRESSED -> "none";
            case CompressionAlgorithmTags.ZIP -> "ZIP";
            case CompressionAlgorithmTags.ZLIB -> "ZLIB";
            case CompressionAlgorithmTags.BZIP2 -> "BZIP2";
            default -> "compression algorithm " + algorithm;
        };
    }

    /** E.g. RSA-3072, Ed25519, Cv25519, ECDH P-256, ECDSA P-384, X25519. */
    public static String publicKey(PGPPublicKey key) {
        int algorithm = key.getAlgorithm();
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, RSA_ENCRYPT_ONLY, RSA_SIGN_ONLY ->
                    "RSA-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.DSA -> "DSA-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, ELGAMAL_GENERAL -> "ElGamal-" + key.getBitStrength();
            case PublicKeyAlgorithmTags.ECDH -> {
                String curve = curve(key);
                yield "Curve25519".equals(curve) ? "Cv25519" : "ECDH " + curve;
            }
            case PublicKeyAlgorithmTags.ECDSA -> "ECDSA " + curve(key);
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> curve(key);
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            default -> "public-key algorithm " + algorithm;
        };
    }

    /** A public-key algorithm number alone (when there is no key at hand). */
    public static String publicKey(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, RSA_ENCRYPT_ONLY, RSA_SIGN_ONLY -> "RSA";
            case PublicKeyAlgorithmTags.DSA -> "DSA";
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, ELGAMAL_GENERAL -> "ElGamal";
            case PublicKeyAlgorithmTags.ECDH -> "ECDH";
            case PublicKeyAlgorithmTags.ECDSA -> "ECDSA";
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "EdDSA";
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            default -> "public-key algorithm " + algorithm;
        };
    }

    /** Whether keys of this algorithm can decrypt a session key. */
    public static boolean canEncrypt(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, RSA_ENCRYPT_ONLY,
                 PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, ELGAMAL_GENERAL,
                 PublicKeyAlgorithmTags.ECDH, PublicKeyAlgorithmTags.X25519, PublicKeyAlgorithmTags.X448 -> true;
            default -> false;
        };
    }

    /** Whether keys of this algorithm can make signatures. */
    public static boolean canSign(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, RSA_SIGN_ONLY, PublicKeyAlgorithmTags.DSA,
                 PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                 PublicKeyAlgorithmTags.Ed25519, PublicKeyAlgorithmTags.Ed448 -> true;
            default -> false;
        };
    }

    private static String curve(PGPPublicKey key) {
        BCPGKey k = key.getPublicKeyPacket().getKey();
        if (k instanceof ECPublicBCPGKey ec) {
            ASN1ObjectIdentifier oid = ec.getCurveOID();
            return CURVES.getOrDefault(oid.getId(), "curve " + oid.getId());
        }
        return "unknown curve";
    }
}
