package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hl7gw.testkit.gpg.GnuPg.Compression;
import org.hl7gw.testkit.gpg.GnuPg.Key;
import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files made by the real gpg 2.2 decrypt to exactly the original bytes, with the right facts reported. */
@ExtendWith(GpgWorld.Extension.class)
class DecryptGnuPgMessagesTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    DecryptGnuPgMessagesTest(GpgWorld world) {
        this.w = world;
    }

    private record Decrypted(byte[] plaintext, PgpResult result) {
    }

    private static Decrypted decrypt(PgpDecryptor decryptor, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file)) {
            PgpResult result = decryptor.decryptTo(in, out);
            return new Decrypted(out.toByteArray(), result);
        }
    }

    private Path gpgEncrypt(byte[] plaintext, Options options) {
        Path in = tmp.resolve("plain-" + System.nanoTime());
        try {
            Files.write(in, plaintext);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.gpg.encrypt(in, tmp.resolve("msg-" + System.nanoTime() + ".gpg"), options);
    }

    @Test
    void decryptsWithRsa3072EncryptionSubkeyAndVerifiesRsaSignature() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayRsa).signer(w.partnerRsa));

        Decrypted d = decrypt(w.decryptor(w.gatewayRsa, w.partnerRsa), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        PgpResult r = d.result();
        assertThat(r.encrypted()).isTrue();
        assertThat(r.recipientKey()).hasValueSatisfying(k -> {
            assertThat(k.keyId()).isEqualTo(w.gatewayRsa.subkeyId());
            assertThat(k.algorithm()).isEqualTo("RSA-3072");
            assertThat(k.userId()).contains(w.gatewayRsa.userId());
        });
        assertThat(r.symmetricAlgorithm()).contains("AES-256");
        assertThat(r.integrity()).isEqualTo(IntegrityProtection.MDC);
        assertThat(r.compression()).isEqualTo("ZLIB");
        assertThat(r.signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(r.signer()).hasValueSatisfying(s -> {
            assertThat(s.keyId()).isEqualTo(w.partnerRsa.keyId());
            assertThat(s.fingerprint()).isEqualTo(w.partnerRsa.fingerprint());
            assertThat(s.algorithm()).isEqualTo("RSA-3072");
            assertThat(s.userId()).contains("Partner Hospital <hospital@partner.test>");
        });
        assertThat(r.hashAlgorithm()).isPresent();
        assertThat(r.plaintextBytes()).isEqualTo(plain.length);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void decryptsWithCurve25519KeyAndVerifiesEd25519Signature() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayEd).signer(w.partnerEd));

        Decrypted d = decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().recipientKey().orElseThrow().algorithm()).isEqualTo("Cv25519");
        assertThat(d.result().recipientKey().orElseThrow().keyId()).isEqualTo(w.gatewayEd.subkeyId());
        assertThat(d.result().signer().orElseThrow().algorithm()).isEqualTo("Ed25519");
        assertThat(d.result().signer().orElseThrow().fingerprint()).isEqualTo(w.partnerEd.fingerprint());
    }

    @Test
    void decryptsWithNistP256KeyAndVerifiesEcdsaSignature() throws IOException {
        byte[] plain = Payloads.binaryish(1, 20_000);
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayP256).signer(w.gatewayP256));

        Decrypted d = decrypt(w.decryptor(w.gatewayP256, w.gatewayP256), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().recipientKey().orElseThrow().algorithm()).isEqualTo("ECDH P-256");
        assertThat(d.result().signer().orElseThrow().algorithm()).isEqualTo("ECDSA P-256");
        assertThat(d.result().signatureVerified()).isTrue();
    }

    @Test
    void decryptsWithNistP384KeyAndVerifiesEcdsaSignature() throws IOException {
        byte[] plain = Payloads.binaryish(2, 20_000);
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayP384).signer(w.gatewayP384));

        Decrypted d = decrypt(w.decryptor(w.gatewayP384, w.gatewayP384), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().recipientKey().orElseThrow().algorithm()).isEqualTo("ECDH P-384");
        assertThat(d.result().signer().orElseThrow().algorithm()).isEqualTo("ECDSA P-384");
    }

    @Test
    void decryptsArmoredMessage() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayEd).signer(w.partnerEd).armor());
        assertThat(Files.readString(msg)).startsWith("-----BEGIN PGP MESSAGE-----");

        Decrypted d = decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().signatureVerified()).isTrue();
    }

    @Test
    void decryptsBinaryMessage() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayEd).signer(w.partnerEd));
        assertThat(PgpDetector.detect(Files.readAllBytes(msg))).isEqualTo(PayloadKind.BINARY);

        Decrypted d = decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void decryptsEachCompressionAlgorithm(Compression compression) throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayEd).signer(w.partnerEd).compression(compression));

        Decrypted d = decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().compression()).isEqualTo(compression == Compression.NONE ? "none" : compression.name());
        assertThat(d.result().signatureVerified()).isTrue();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"AES128, AES-128", "AES192, AES-192", "CAMELLIA256, Camellia-256",
            "TWOFISH, Twofish", "3DES, 3DES"})
    void decryptsEachSymmetricCipherGnuPgCanBeToldToUse(String gpgName, String reported) throws IOException {
        byte[] plain = Payloads.binaryish(20, 100_000);
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayEd).signer(w.partnerEd).cipher(gpgName));

        Decrypted d = decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().symmetricAlgorithm()).contains(reported);
        assertThat(d.result().integrity()).isEqualTo(IntegrityProtection.MDC);
    }

    @Test
    void decryptsUnsignedMessageWhenNoSignerIsConfigured() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayEd));

        PgpDecryptor decryptor = w.decryptor(w.gatewayEd);
        Decrypted d = decrypt(decryptor, msg);

        assertThat(decryptor.policy().signatures()).isEqualTo(SignaturePolicy.NONE);
        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().signed()).isFalse();
        assertThat(d.result().signature()).isEqualTo(SignatureStatus.NOT_SIGNED);
    }

    @Test
    void decryptsHiddenRecipientMessageByTryingEachGatewayKey() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().hiddenRecipient(w.gatewayEd).signer(w.partnerEd));
        PgpDecryptor decryptor = PgpDecryptor.builder()
                .decryptionKeys(List.of(w.secretKey(w.gatewayP256), w.secretKey(w.gatewayRsa), w.secretKey(w.gatewayEd)))
                .signers(List.of(w.publicKey(w.partnerEd)))
                .build();

        Decrypted d = decrypt(decryptor, msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().recipientKey().orElseThrow().keyId()).isEqualTo(w.gatewayEd.subkeyId());
    }

    @Test
    void decryptsHiddenRecipientRsaMessage() throws IOException {
        byte[] plain = Payloads.binaryish(3, 5000);
        Path msg = gpgEncrypt(plain, Options.create().hiddenRecipient(w.gatewayRsa).signer(w.partnerRsa));

        Decrypted d = decrypt(w.decryptor(w.gatewayRsa, w.partnerRsa), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
    }

    @Test
    void decryptsMessageForSeveralRecipientsWhenGatewayKeyIsNotFirst() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.stranger).recipient(w.partnerRsa).recipient(w.gatewayEd)
                .signer(w.partnerEd));
        assertThat(w.gpg.listPackets(msg).indexOf(w.gatewayEd.subkeyId()))
                .isGreaterThan(w.gpg.listPackets(msg).indexOf(w.stranger.subkeyId()));

        Decrypted d = decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().recipientKey().orElseThrow().keyId()).isEqualTo(w.gatewayEd.subkeyId());
    }

    @Test
    void decryptsWithKeysReadFromBinaryKeyFiles() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().recipient(w.gatewayRsa).signer(w.partnerEd));
        PgpDecryptor decryptor = PgpDecryptor.builder()
                .decryptionKeys(List.of(w.export(w.gatewayRsa, true, false)))
                .signers(List.of(w.export(w.partnerEd, false, false)))
                .build();

        assertThat(decrypt(decryptor, msg).plaintext()).isEqualTo(plain);
    }

    @Test
    void keepsEveryByteOfBinaryishPayloadWithCrLfAndIso88591() throws IOException {
        byte[] plain = Payloads.binaryish(42, 300_000);
        for (boolean armor : new boolean[] {false, true}) {
            Options o = Options.create().recipient(w.gatewayEd).signer(w.partnerEd);
            Path msg = gpgEncrypt(plain, armor ? o.armor() : o);

            Decrypted d = decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg);

            assertThat(d.plaintext()).as("armor=" + armor).isEqualTo(plain);
        }
    }

    @Test
    void opensSignedOnlyMessageWhenEncryptionIsNotRequired() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = gpgEncrypt(plain, Options.create().signer(w.partnerEd));
        PgpDecryptor decryptor = PgpDecryptor.builder()
                .signers(List.of(w.publicKey(w.partnerEd)))
                .policy(PgpPolicy.defaults().withRequireEncryption(false))
                .build();

        Decrypted d = decrypt(decryptor, msg);

        assertThat(d.plaintext()).isEqualTo(plain);
        assertThat(d.result().encrypted()).isFalse();
        assertThat(d.result().integrity()).isEqualTo(IntegrityProtection.NOT_ENCRYPTED);
        assertThat(d.result().signatureVerified()).isTrue();
    }
}
