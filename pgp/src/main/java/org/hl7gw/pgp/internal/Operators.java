package org.hl7gw.pgp.internal;

import java.security.SecureRandom;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.operator.KeyFingerPrintCalculator;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.SessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcSessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Which Bouncy Castle operator does what.
 *
 * <p>Public-key work (session-key recovery, unlocking secret keys) uses the lightweight Bc* classes: they
 * cover every curve GnuPG uses without a JCA provider. Bulk work uses the JDK's own providers, whose AES,
 * SHA-1, SHA-256 and SHA-512 use CPU instructions (AES-NI, SHA-NI, AVX2) and run several times faster than
 * the pure-Java Bc* engines: AES SEIPD v1 (what GnuPG 2.2 sends) is decrypted by {@link SeipdV1InputStream}
 * on SunJCE's AES, signatures are hashed by the SUN provider, outgoing messages encrypted through SunJCE.
 * AEAD (OCB, EAX) packets go through Bc*, because the JDK has no OCB.
 */
public final class Operators {
    /** Stateless; safe to share. */
    public static final KeyFingerPrintCalculator FINGERPRINTS = new BcKeyFingerprintCalculator();

    private Operators() {
    }

    public static PublicKeyDataDecryptorFactory sessionKeyRecovery(PGPPublicKey publicKey, PGPPrivateKey privateKey) {
        return new BcPublicKeyDataDecryptorFactory(new PGPKeyPair(publicKey, privateKey));
    }

    /**
     * Decrypts data packets other than AES SEIPD v1 (which {@link SeipdV1InputStream} handles): AEAD, old
     * SED packets (OpenPGP's resynchronising CFB, which only Bouncy Castle has) and rare ciphers.
     */
    public static SessionKeyDataDecryptorFactory dataDecryptor(PGPSessionKey sessionKey) {
        return new BcSessionKeyDataDecryptorFactory(sessionKey);
    }

    /** AES-256 in SEIPD v1 with MDC: what GnuPG 2.2 reads; through SunJCE for AES-NI. */
    public static PGPDataEncryptorBuilder aes256WithMdc(SecureRandom random) {
        return new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true).setSecureRandom(random);
    }

    public static PublicKeyKeyEncryptionMethodGenerator keyEncryption(PGPPublicKey recipient, SecureRandom random) {
        return new BcPublicKeyKeyEncryptionMethodGenerator(recipient).setSecureRandom(random);
    }

    /** Signs with SHA-512 hashing through the JDK (hardware SHA) and the key's algorithm. */
    public static PGPContentSignerBuilder signer(PGPPublicKey key) {
        return new JcaPGPContentSignerBuilder(key.getAlgorithm(), HashAlgorithmTags.SHA512);
    }

    public static PGPContentVerifierBuilderProvider signatureVerifiers() {
        return new JcaPGPContentVerifierBuilderProvider();
    }

    /** Unlocks a passphrase-protected secret key; null passphrase means "unprotected". */
    public static PBESecretKeyDecryptor unlocker(char[] passphrase) {
        return new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase);
    }
}
