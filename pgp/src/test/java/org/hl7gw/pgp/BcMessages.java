package org.hl7gw.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.bcpg.AEADAlgorithmTags;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.hl7gw.pgp.internal.RecipientKeys;
import org.hl7gw.pgp.internal.SigningKeys;

/**
 * Messages GnuPG 2.2 cannot make, built with Bouncy Castle's encryptor: AEAD packets as GnuPG 2.4 sends
 * them (v5 "OCB" AEAD Encrypted Data, tag 20) and RFC 9580 SEIPD v2.
 */
final class BcMessages {
    enum Aead { V5_OCB_AS_GNUPG_24, V6_SEIPD2_OCB }

    private BcMessages() {
    }

    /**
     * Encrypts (SEIPD v1) and signs with a canonical-text signature made by Bouncy Castle, which turns every
     * CR, LF and CRLF into CRLF before hashing (the strict reading; GnuPG leaves a lone CR alone).
     */
    static byte[] textSigned(PgpPublicKeys recipient, PgpSecretKeys signer, byte[] plain) throws IOException, PGPException {
        PGPPublicKey key = RecipientKeys.choose(recipient.rings(), Instant.now()).get(0);
        PGPEncryptedDataGenerator gen = new PGPEncryptedDataGenerator(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true).setSecureRandom(new SecureRandom()));
        gen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = gen.open(out, new byte[1 << 12])) {
            SigningKeys.Unlocked s = SigningKeys.unlock(signer.rings(), null, Instant.now());
            PGPSignatureGenerator sig = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(s.publicKey().getAlgorithm(),
                    HashAlgorithmTags.SHA256), s.publicKey());
            sig.init(PGPSignature.CANONICAL_TEXT_DOCUMENT, s.privateKey());
            sig.generateOnePassVersion(false).encode(enc);
            PGPLiteralDataGenerator lit = new PGPLiteralDataGenerator();
            try (OutputStream l = lit.open(enc, PGPLiteralDataGenerator.TEXT, "", new Date(), new byte[1 << 12])) {
                l.write(plain);
            }
            sig.update(plain);
            sig.generate().encode(enc);
        }
        return out.toByteArray();
    }

    /** Encrypts {@code plain} for the recipient with AEAD OCB, signed (one-pass) by {@code signer} when not null. */
    static byte[] aead(Aead flavour, PgpPublicKeys recipient, PgpSecretKeys signer, byte[] plain) throws IOException, PGPException {
        PGPPublicKey key = RecipientKeys.choose(recipient.rings(), Instant.now()).get(0);
        // chunk size octet 10: 2^(10+6) = 64 KiB chunks, so a few hundred KB span several chunks
        BcPGPDataEncryptorBuilder data = new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithAEAD(AEADAlgorithmTags.OCB, 10).setSecureRandom(new SecureRandom());
        if (flavour == Aead.V5_OCB_AS_GNUPG_24) {
            data.setUseV5AEAD();
        } else {
            data.setUseV6AEAD();
        }
        PGPEncryptedDataGenerator gen = new PGPEncryptedDataGenerator(data);
        gen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = gen.open(out, new byte[1 << 12])) {
            PGPCompressedDataGenerator comp = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZLIB);
            OutputStream inner = comp.open(enc);
            PGPSignatureGenerator sig = null;
            if (signer != null) {
                SigningKeys.Unlocked s = SigningKeys.unlock(signer.rings(), null, Instant.now());
                sig = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(s.publicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                        s.publicKey());
                sig.init(PGPSignature.BINARY_DOCUMENT, s.privateKey());
                sig.generateOnePassVersion(false).encode(inner);
            }
            PGPLiteralDataGenerator lit = new PGPLiteralDataGenerator();
            try (OutputStream l = lit.open(inner, PGPLiteralDataGenerator.BINARY, "", new Date(), new byte[1 << 12])) {
                l.write(plain);
            }
            if (sig != null) {
                sig.update(plain);
                sig.generate().encode(inner);
            }
            comp.close();
        }
        return out.toByteArray();
    }
}
