package org.hl7gw.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.Objects;
import java.util.regex.Pattern;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPKeyPairGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;
import org.hl7gw.pgp.internal.KeyFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the gateway's own key pair as GnuPG's "future-default" does: an Ed25519 primary key (certify and
 * sign) with a Cv25519 encryption subkey, both OpenPGP v4 in the encodings GnuPG 2.2 reads, no expiry,
 * optionally protected by a passphrase (AES-256, iterated and salted SHA-256 S2K). The secret key file is
 * created with mode 0600 from the start; neither file may exist yet.
 */
public final class PgpKeyGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(PgpKeyGenerator.class);
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>@]+@[^\\s<>@]+");
    /** S2K iteration count byte 0xC0: 3,014,656 hashed bytes, within what GnuPG calibrates to. */
    private static final int S2K_COUNT = 0xC0;

    /** What was generated and where it was written. */
    public record GeneratedKey(KeyRef primaryKey, KeyRef encryptionKey, Path publicKeyFile, Path secretKeyFile) {
    }

    private final Clock clock;
    private final SecureRandom random;

    public PgpKeyGenerator() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    public PgpKeyGenerator(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Generates the key pair for "NAME &lt;EMAIL&gt;" and writes the armored public key and the armored
     * secret key.
     *
     * @param passphrase protects the secret key; null or empty for none (then guard the file itself)
     * @throws KeyFileException when a file exists already or cannot be written
     */
    public GeneratedKey generate(String name, String email, char[] passphrase, Path publicKeyFile, Path secretKeyFile) {
        Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        Objects.requireNonNull(secretKeyFile, "secretKeyFile");
        String userId = userId(name, email);
        try {
            Date now = Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS));
            PGPKeyPairGenerator pairs = new BcPGPKeyPairGeneratorProvider().setSecureRandom(random).get(PublicKeyPacket.VERSION_4, now);
            PGPKeyPair primary = pairs.generateLegacyEd25519KeyPair();
            PGPKeyPair encryption = pairs.generateLegacyX25519KeyPair();

            PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
            primaryPackets.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            primaryPackets.setPreferredSymmetricAlgorithms(false, new int[] {
                    SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128});
            primaryPackets.setPreferredHashAlgorithms(false, new int[] {
                    HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
            primaryPackets.setPreferredCompressionAlgorithms(false, new int[] {
                    CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.BZIP2, CompressionAlgorithmTags.ZIP,
                    CompressionAlgorithmTags.UNCOMPRESSED});
            primaryPackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
            primaryPackets.setPrimaryUserID(false, true);
            primaryPackets.setIssuerFingerprint(false, primary.getPublicKey());

            PGPSignatureSubpacketGenerator subkeyPackets = new PGPSignatureSubpacketGenerator();
            subkeyPackets.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
            subkeyPackets.setIssuerFingerprint(false, primary.getPublicKey());

            PBESecretKeyEncryptor protection = passphrase == null || passphrase.length == 0 ? null
                    : new BcPBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256), S2K_COUNT).setSecureRandom(random).build(passphrase);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), primaryPackets.generate(), null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA512), protection);
            rings.addSubKey(encryption, subkeyPackets.generate(), null);
            PGPSecretKeyRing secret = rings.generateSecretKeyRing();
            PGPPublicKeyRing pub = rings.generatePublicKeyRing();

            writeSecret(secret, secretKeyFile);
            try {
                writePublic(pub, publicKeyFile);
            } catch (RuntimeException e) {
                Files.deleteIfExists(secretKeyFile);
                throw e;
            }
            KeyRef primaryRef = KeyFacts.ref(pub.getPublicKey(), pub.getPublicKey());
            KeyRef encryptionRef = KeyFacts.ref(pub.getPublicKey(encryption.getKeyID()), pub.getPublicKey());
            LOG.info("generated OpenPGP key {} with encryption subkey {}; public key {}, secret key {}",
                    primaryRef.describe(), encryptionRef.describe(), publicKeyFile, secretKeyFile);
            return new GeneratedKey(primaryRef, encryptionRef, publicKeyFile, secretKeyFile);
        } catch (PGPException | IOException e) {
            throw new KeyFileException("cannot generate the key for " + userId + ": " + e.getMessage(), e);
        }
    }

    static String userId(String name, String email) {
        if (name == null || name.isBlank() || name.contains("<") || name.contains(">") || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a key needs a name without '<', '>' or control characters, e.g. \"HL7 Gateway\"");
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
        }
        return name.strip() + " <" + email + ">";
    }

    private static void writeSecret(PGPSecretKeyRing ring, Path file) throws IOException {
        OutputStream out;
        try {
            out = Channels.newOutputStream(Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
        } catch (UnsupportedOperationException e) {
            LOG.warn("{} is not on a POSIX file system: restrict access to the secret key file by other means", file);
            out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + " exists already: not overwriting a key file", e);
        }
        try (OutputStream o = out; ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(o)) {
            ring.encode(armored);
        }
    }

    private static void writePublic(PGPPublicKeyRing ring, Path file) throws IOException {
        OutputStream out;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + " exists already: not overwriting a key file", e);
        }
        try (OutputStream o = out; ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(o)) {
            ring.encode(armored, true);
        }
    }
}
