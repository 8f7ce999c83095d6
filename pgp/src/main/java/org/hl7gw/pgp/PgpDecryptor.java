package org.hl7gw.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.hl7gw.core.ConfigurationException;
import org.hl7gw.core.Secret;
import org.hl7gw.pgp.internal.DecryptionKeys;
import org.hl7gw.pgp.internal.MessageOpener;
import org.hl7gw.pgp.internal.SignerKeys;
import org.hl7gw.pgp.internal.Sourced;

/**
 * Decrypts and verifies OpenPGP messages as GnuPG 2.2 and 2.4 make them: armored or binary; RSA, Curve25519
 * and NIST-curve keys; encryption subkeys; several or hidden recipients; SEIPD v1 with MDC and AEAD (OCB)
 * packets; no, ZIP, ZLIB or BZip2 compression; one-pass signed data. Also signed-only and plaintext input
 * when the policy does not require encryption.
 *
 * <pre>{@code
 * PgpDecryptor decryptor = PgpDecryptor.builder()
 *         .decryptionKeys(List.of(Path.of("gateway-secret.asc")), passphrase)   // passphrase may be null
 *         .signers(List.of(Path.of("partner-a.asc"), Path.of("partner-b.asc")))
 *         .build();                                                             // signatures REQUIRED
 * try (PgpStream plain = decryptor.open(in)) {
 *     plain.transferTo(staging);            // untrusted until verify() returns
 *     PgpResult result = plain.verify();    // integrity + signature, or a typed PgpException
 * }
 * }</pre>
 *
 * <p>Secret keys are unlocked when the decryptor is built, so a missing or wrong passphrase is reported at
 * start-up. The signature policy defaults to {@link SignaturePolicy#REQUIRED} when signer keys are
 * configured and to {@link SignaturePolicy#NONE} when none are; an explicit REQUIRED or OPTIONAL policy
 * without signer keys is a configuration error. Thread-safe: one decryptor serves many files at once.
 */
public final class PgpDecryptor {
    private final DecryptionKeys keys;
    private final SignerKeys signers;
    private final PgpPolicy policy;
    private final MessageOpener opener;

    private PgpDecryptor(DecryptionKeys keys, SignerKeys signers, PgpPolicy policy) {
        this.keys = keys;
        this.signers = signers;
        this.policy = policy;
        this.opener = new MessageOpener(keys, signers, policy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a message and reads it up to the start of its plaintext. A message encrypted for other keys, an
     * unsigned message under REQUIRED, an unprotected one or a plaintext one under requireEncryption are
     * refused here, before any plaintext is read.
     *
     * @param input the payload (armored, binary, or plaintext); closed when the returned stream is
     * @throws PgpException a typed refusal
     * @throws IOException  reading {@code input} failed
     */
    public PgpStream open(InputStream input) throws IOException {
        Objects.requireNonNull(input, "input");
        return new PgpStream(opener.open(input));
    }

    /**
     * Decrypts {@code input} into {@code output} and verifies it. The output receives plaintext before the
     * verification: discard it when this throws. {@code input} is closed; {@code output} is not.
     */
    public PgpResult decryptTo(InputStream input, OutputStream output) throws IOException {
        try (PgpStream plain = open(input)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = plain.read(buffer, 0, buffer.length)) >= 0; ) {
                output.write(buffer, 0, n);
            }
            return plain.verify();
        }
    }

    public PgpPolicy policy() {
        return policy;
    }

    /** The gateway's decryption key IDs (encryption-capable keys and subkeys), 16 hex digits each. */
    public List<String> decryptionKeyIds() {
        return keys.keyIds();
    }

    /** Configures and builds a {@link PgpDecryptor}. */
    public static final class Builder {
        private PgpSecretKeys secretKeys;
        private char[] passphrase;
        private Secret passphraseSecret;
        private PgpPublicKeys signerKeys;
        private PgpPolicy policy;

        private Builder() {
        }

        /**
         * The gateway's secret keys and their passphrase ({@code null} when the keys are not protected). The
         * array is used by {@link #build()}; wipe it afterwards.
         */
        public Builder decryptionKeys(PgpSecretKeys keys, char[] passphrase) {
            this.secretKeys = Objects.requireNonNull(keys, "keys");
            this.passphrase = passphrase;
            this.passphraseSecret = null;
            return this;
        }

        /**
         * The gateway's secret keys and where their passphrase is kept; it is read by {@link #build()} and
         * wiped from memory right after unlocking.
         */
        public Builder decryptionKeys(List<Path> files, Secret passphrase) {
            this.secretKeys = PgpKeys.readSecretKeys(files);
            this.passphrase = null;
            this.passphraseSecret = Objects.requireNonNull(passphrase, "passphrase");
            return this;
        }

        /** Reads the gateway's secret keys, not protected by a passphrase, from these files (armored or binary). */
        public Builder decryptionKeys(List<Path> files) {
            return decryptionKeys(PgpKeys.readSecretKeys(files), (char[]) null);
        }

        /** Reads the gateway's secret keys from these files (armored or binary). */
        public Builder decryptionKeys(List<Path> files, char[] passphrase) {
            return decryptionKeys(PgpKeys.readSecretKeys(files), passphrase);
        }

        /** The partners' public keys whose signatures are accepted. */
        public Builder signers(PgpPublicKeys keys) {
            this.signerKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Reads the partners' public keys from these files (armored or binary). */
        public Builder signers(List<Path> files) {
            return signers(PgpKeys.readPublicKeys(files));
        }

        /** The policy; without one, {@link PgpPolicy#defaults()} with the signature policy chosen as described above. */
        public Builder policy(PgpPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Unlocks the decryption keys and checks the configuration.
         *
         * @throws MissingPassphraseException a secret key is protected and no passphrase was given
         * @throws WrongPassphraseException   the passphrase does not unlock a secret key
         * @throws KeyFileException           the key files hold no usable decryption key
         * @throws ConfigurationException     the policy cannot work with the keys given
         */
        public PgpDecryptor build() {
            SignerKeys signers = SignerKeys.of(signerKeys == null ? List.of() : signerKeys.rings());
            PgpPolicy effective = policy != null ? policy
                    : PgpPolicy.defaults().withSignatures(signers.isEmpty() ? SignaturePolicy.NONE : SignaturePolicy.REQUIRED);
            if (effective.signatures() != SignaturePolicy.NONE && signers.isEmpty()) {
                throw new ConfigurationException("signers", "signature policy " + effective.signatures()
                        + " needs at least one signer public key, and none is configured");
            }
            List<Sourced<org.bouncycastle.openpgp.PGPSecretKeyRing>> rings = secretKeys == null ? List.of() : secretKeys.rings();
            if (rings.isEmpty() && effective.requireEncryption()) {
                throw new ConfigurationException("decryptionKeys", "no decryption key is configured, and the policy requires encryption");
            }
            if (rings.isEmpty()) {
                return new PgpDecryptor(DecryptionKeys.none(), signers, effective);
            }
            char[] secret = passphraseSecret != null ? passphraseSecret.read() : passphrase;
            try {
                return new PgpDecryptor(DecryptionKeys.unlock(rings, secret), signers, effective);
            } finally {
                if (passphraseSecret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
        }
    }
}
