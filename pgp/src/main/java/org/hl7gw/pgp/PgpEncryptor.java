package org.hl7gw.pgp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.core.Secret;
import org.hl7gw.pgp.internal.KeyFacts;
import org.hl7gw.pgp.internal.Operators;
import org.hl7gw.pgp.internal.RecipientKeys;
import org.hl7gw.pgp.internal.SigningKeys;

/**
 * Encrypts (and optionally signs) for one or more recipients as GnuPG 2.2 expects: AES-256 in a SEIPD v1
 * packet with MDC, a PKESK v3 per recipient's encryption subkey, ZLIB compression by default, a one-pass
 * signature inside the encryption. Streams: memory does not grow with the input.
 *
 * <pre>{@code
 * PgpEncryptor encryptor = PgpEncryptor.builder()
 *         .recipients(List.of(Path.of("partner.asc")))
 *         .signWith(List.of(Path.of("gateway-secret.asc")), passphrase)   // optional
 *         .armor(true)
 *         .build();
 * encryptor.encrypt(plainIn, cipherOut);
 * }</pre>
 */
public final class PgpEncryptor {
    private static final int PACKET_BUFFER = 1 << 16;

    private final List<PGPPublicKey> recipients;
    private final List<KeyRef> recipientRefs;
    private final SigningKeys.Unlocked signer;
    private final boolean armor;
    private final PgpCompression compression;
    private final String fileName;
    private final SecureRandom random = new SecureRandom();

    private PgpEncryptor(List<PGPPublicKey> recipients, List<KeyRef> recipientRefs, SigningKeys.Unlocked signer, boolean armor,
                         PgpCompression compression, String fileName) {
        this.recipients = List.copyOf(recipients);
        this.recipientRefs = List.copyOf(recipientRefs);
        this.signer = signer;
        this.armor = armor;
        this.compression = compression;
        this.fileName = fileName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code plain} to its end and writes the message to {@code out}. Neither stream is closed.
     *
     * @throws IOException reading or writing failed
     */
    public PgpEncryption encrypt(InputStream plain, OutputStream out) throws IOException {
        OutputStream target = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller's stream stays open
            }
        };
        long total = 0;
        try {
            OutputStream armored = armor ? ArmoredOutputStream.builder().clearHeaders().build(target) : target;
            PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(Operators.aes256WithMdc(random));
            for (PGPPublicKey recipient : recipients) {
                encryption.addMethod(Operators.keyEncryption(recipient, random));
            }
            OutputStream encrypted = encryption.open(armored, new byte[PACKET_BUFFER]);
            PGPCompressedDataGenerator compressor = compression == PgpCompression.NONE ? null
                    : new PGPCompressedDataGenerator(compression.tag());
            OutputStream inner = compressor == null ? encrypted : compressor.open(encrypted, new byte[PACKET_BUFFER]);

            PGPSignatureGenerator signature = null;
            if (signer != null) {
                signature = new PGPSignatureGenerator(Operators.signer(signer.publicKey()), signer.publicKey());
                signature.init(PGPSignature.BINARY_DOCUMENT, signer.privateKey());
                PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
                hashed.setIssuerFingerprint(false, signer.publicKey());
                signer.ref().userId().ifPresent(u -> hashed.addSignerUserID(false, u));
                signature.setHashedSubpackets(hashed.generate());
                signature.generateOnePassVersion(false).encode(inner);
            }
            PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
            OutputStream data = literal.open(inner, PGPLiteralDataGenerator.BINARY, fileName, new Date(), new byte[PACKET_BUFFER]);
            byte[] buffer = new byte[PACKET_BUFFER];
            for (int n; (n = plain.read(buffer)) >= 0; ) {
                data.write(buffer, 0, n);
                if (signature != null) {
                    signature.update(buffer, 0, n);
                }
                total += n;
            }
            literal.close();
            if (signature != null) {
                signature.generate().encode(inner);
            }
            if (compressor != null) {
                compressor.close();
            }
            encryption.close();
            if (armor) {
                armored.close();
            }
            target.flush();
        } catch (PGPException e) {
            throw new IOException("OpenPGP encryption failed: " + e.getMessage(), e);
        }
        return new PgpEncryption(recipientRefs, Optional.ofNullable(signer).map(SigningKeys.Unlocked::ref), compression, armor, total);
    }

    /** The keys (usually encryption subkeys) messages are encrypted to. */
    public List<KeyRef> recipients() {
        return recipientRefs;
    }

    /** Configures and builds a {@link PgpEncryptor}. */
    public static final class Builder {
        private PgpPublicKeys recipients;
        private PgpSecretKeys signingKeys;
        private char[] passphrase;
        private Secret passphraseSecret;
        private boolean armor;
        private PgpCompression compression = PgpCompression.ZLIB;
        private String fileName = "";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The recipients' certificates; each one's newest valid encryption (sub)key is used. */
        public Builder recipients(PgpPublicKeys certificates) {
            this.recipients = Objects.requireNonNull(certificates, "certificates");
            return this;
        }

        public Builder recipients(List<Path> files) {
            return recipients(PgpKeys.readPublicKeys(files));
        }

        /** Signs with the newest valid signing key of the first ring that has one. The array is used by {@link #build()}. */
        public Builder signWith(PgpSecretKeys keys, char[] passphrase) {
            this.signingKeys = Objects.requireNonNull(keys, "keys");
            this.passphrase = passphrase;
            this.passphraseSecret = null;
            return this;
        }

        /** Signs with these key files; the passphrase is read by {@link #build()} and wiped right after unlocking. */
        public Builder signWith(List<Path> files, Secret passphrase) {
            this.signingKeys = PgpKeys.readSecretKeys(files);
            this.passphrase = null;
            this.passphraseSecret = Objects.requireNonNull(passphrase, "passphrase");
            return this;
        }

        /** Signs with these key files, not protected by a passphrase. */
        public Builder signWith(List<Path> files) {
            return signWith(PgpKeys.readSecretKeys(files), (char[]) null);
        }

        public Builder signWith(List<Path> files, char[] passphrase) {
            return signWith(PgpKeys.readSecretKeys(files), passphrase);
        }

        /** ASCII armor (default: binary). */
        public Builder armor(boolean armor) {
            this.armor = armor;
            return this;
        }

        /** Default ZLIB, like GnuPG. */
        public Builder compression(PgpCompression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /** The file name stored in the literal data packet (default empty: names can be sensitive). */
        public Builder fileName(String fileName) {
            this.fileName = Objects.requireNonNull(fileName, "fileName");
            return this;
        }

        /** The clock used to judge key expiry. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Picks the recipients' encryption keys and unlocks the signing key.
         *
         * @throws KeyFileException        a recipient has no usable encryption key, or there is no signing key
         * @throws ConfigurationException  no recipient is given
         */
        public PgpEncryptor build() {
            if (recipients == null || recipients.isEmpty()) {
                throw new ConfigurationException("recipients", "at least one recipient public key is needed");
            }
            List<PGPPublicKey> keys = RecipientKeys.choose(recipients.rings(), clock.instant());
            List<KeyRef> refs = new java.util.ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                refs.add(KeyFacts.ref(keys.get(i), recipients.rings().get(i).value().getPublicKey()));
            }
            SigningKeys.Unlocked signer = null;
            if (signingKeys != null) {
                char[] secret = passphraseSecret != null ? passphraseSecret.read() : passphrase;
                try {
                    signer = SigningKeys.unlock(signingKeys.rings(), secret, clock.instant());
                } finally {
                    if (passphraseSecret != null) {
                        java.util.Arrays.fill(secret, '\0');
                    }
                }
            }
            return new PgpEncryptor(keys, refs, signer, armor, compression, fileName);
        }
    }
}
