package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged, truncated, unprotected and foreign messages are refused with a reason; AEAD packets are accepted. */
@ExtendWith(GpgWorld.Extension.class)
class TamperingAndIntegrityTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    TamperingAndIntegrityTest(GpgWorld world) {
        this.w = world;
    }

    private byte[] gpgMessage(byte[] plain, Options options) throws IOException {
        Path in = Files.write(tmp.resolve("plain-" + System.nanoTime()), plain);
        return Files.readAllBytes(w.gpg.encrypt(in, tmp.resolve("msg-" + System.nanoTime()), options));
    }

    private static PgpResult decrypt(PgpDecryptor d, byte[] message, ByteArrayOutputStream out) throws IOException {
        return d.decryptTo(new ByteArrayInputStream(message), out);
    }

    @Test
    void refusesMessageForOtherKeysNamingTheirKeyIdsAndOurs() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.stranger).recipient(w.partnerRsa));
        PgpDecryptor decryptor = w.decryptor(w.gatewayEd);

        Throwable t = catchThrowable(() -> decryptor.open(new ByteArrayInputStream(msg)));

        assertThat(t).isInstanceOf(NoMatchingKeyException.class)
                .hasMessageContaining("0x" + w.stranger.subkeyId())
                .hasMessageContaining("0x" + w.partnerRsa.subkeyId())
                .hasMessageContaining("0x" + w.gatewayEd.subkeyId())
                .hasMessageContaining("none of them is among the gateway's decryption keys");
        NoMatchingKeyException e = (NoMatchingKeyException) t;
        assertThat(e.recipientKeyIds()).containsExactlyInAnyOrder(w.stranger.subkeyId(), w.partnerRsa.subkeyId());
        assertThat(e.gatewayKeyIds()).containsExactly(w.gatewayEd.subkeyId());
    }

    @Test
    void refusesHiddenRecipientMessageForSomeoneElse() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().hiddenRecipient(w.stranger));

        assertThatThrownBy(() -> w.decryptor(w.gatewayEd).open(new ByteArrayInputStream(msg)))
                .isInstanceOf(NoMatchingKeyException.class)
                .hasMessageContaining("0x0000000000000000 (hidden recipient");
    }

    @Test
    void refusesTruncatedFile() throws IOException {
        byte[] msg = gpgMessage(Payloads.binaryish(7, 200_000), Options.create().recipient(w.gatewayEd).signer(w.partnerEd));
        byte[] truncated = Arrays.copyOf(msg, msg.length / 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Throwable t = catchThrowable(() -> decrypt(w.decryptor(w.gatewayEd, w.partnerEd), truncated, out));

        assertThat(t).isInstanceOf(CorruptDataException.class).hasMessageContaining("truncated");
    }

    @Test
    void refusesArmoredFileCutBeforeItsEndLine() throws IOException {
        byte[] msg = gpgMessage(Payloads.binaryish(8, 50_000), Options.create().recipient(w.gatewayEd).signer(w.partnerEd).armor());
        byte[] truncated = Arrays.copyOf(msg, msg.length * 2 / 3);

        Throwable t = catchThrowable(() -> decrypt(w.decryptor(w.gatewayEd, w.partnerEd), truncated, new ByteArrayOutputStream()));

        assertThat(t).isInstanceOfAny(CorruptDataException.class, IntegrityException.class);
    }

    /** A flipped byte anywhere in the encrypted data (including the MDC at its end) never passes. */
    @ParameterizedTest
    @ValueSource(ints = {25, 33, 50, 66, 90, 100})
    void refusesFlippedByteInCiphertext(int percent) throws IOException {
        byte[] plain = Payloads.binaryish(9, 100_000);
        byte[] msg = gpgMessage(plain, Options.create().recipient(w.gatewayEd).signer(w.partnerEd).compression(
                org.hl7gw.testkit.gpg.GnuPg.Compression.NONE));
        int at = percent == 100 ? msg.length - 5 : msg.length * percent / 100;
        msg[at] ^= 0x01;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Throwable t = catchThrowable(() -> decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg, out));

        assertThat(t).as("flipped byte at %d of %d", at, msg.length)
                .isInstanceOfAny(IntegrityException.class, CorruptDataException.class);
    }

    @Test
    void refusesFlippedByteInNonAesCiphertext() throws IOException {
        // Camellia goes through Bouncy Castle's own SEIPD stream and MDC check
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd).signer(w.partnerEd)
                .cipher("CAMELLIA256"));
        msg[msg.length / 2] ^= 0x40;

        Throwable t = catchThrowable(() -> decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg, new ByteArrayOutputStream()));

        assertThat(t).isInstanceOfAny(IntegrityException.class, CorruptDataException.class);
    }

    @Test
    void reportsFlippedByteInCompressedCiphertextAsIntegrityFailure() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd).signer(w.partnerEd));
        msg[msg.length / 2] ^= 0x40;

        Throwable t = catchThrowable(() -> decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg, new ByteArrayOutputStream()));

        assertThat(t).isInstanceOf(IntegrityException.class).hasMessageContaining("MDC");
    }

    @Test
    void refusesMessageWithoutIntegrityProtectionByDefault() throws IOException {
        // gpg --rfc2440 writes a Symmetrically Encrypted Data packet without MDC
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd).withoutIntegrity());
        assertThat(w.gpg.listPackets(write(msg))).contains(":encrypted data packet:").doesNotContain("mdc_method");

        assertThatThrownBy(() -> w.decryptor(w.gatewayEd).open(new ByteArrayInputStream(msg)))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("no integrity protection");
    }

    @Test
    void acceptsMessageWithoutIntegrityProtectionWithWarningWhenAllowed() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        byte[] msg = gpgMessage(plain, Options.create().recipient(w.gatewayEd).withoutIntegrity());
        PgpDecryptor decryptor = PgpDecryptor.builder()
                .decryptionKeys(PgpKeys.readSecretKeys(w.secretKey(w.gatewayEd)), null)
                .policy(PgpPolicy.defaults().withSignatures(SignaturePolicy.NONE).withAllowUnprotected(true))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PgpResult r = decrypt(decryptor, msg, out);

        assertThat(out.toByteArray()).isEqualTo(plain);
        assertThat(r.integrity()).isEqualTo(IntegrityProtection.NONE);
        assertThat(r.warnings()).anySatisfy(s -> assertThat(s).contains("no integrity protection"));
    }

    @ParameterizedTest
    @EnumSource(BcMessages.Aead.class)
    void decryptsAeadOcbMessages(BcMessages.Aead flavour) throws Exception {
        byte[] plain = Payloads.binaryish(10, 300_000);
        byte[] msg = BcMessages.aead(flavour, PgpKeys.readPublicKeys(w.publicKey(w.gatewayEd)),
                PgpKeys.readSecretKeys(w.secretKey(w.partnerEd)), plain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PgpResult r = decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg, out);

        assertThat(out.toByteArray()).isEqualTo(plain);
        assertThat(r.integrity()).isEqualTo(IntegrityProtection.AEAD);
        assertThat(r.aeadAlgorithm()).contains("OCB");
        assertThat(r.symmetricAlgorithm()).contains("AES-256");
        assertThat(r.signatureVerified()).isTrue();
    }

    @Test
    void aeadV5MessageIsWhatGnuPg24Sends() throws Exception {
        byte[] msg = BcMessages.aead(BcMessages.Aead.V5_OCB_AS_GNUPG_24, PgpKeys.readPublicKeys(w.publicKey(w.gatewayEd)), null,
                Payloads.binaryish(11, 1000));
        // gpg 2.2 lists the packet without being able to decrypt it: tag 20, the "aead encrypted packet"
        assertThat(w.gpg.listPackets(write(msg))).containsPattern("tag=20|aead encrypted packet|unknown packet type 20");
    }

    @ParameterizedTest
    @EnumSource(BcMessages.Aead.class)
    void refusesAeadMessageWithFlippedByte(BcMessages.Aead flavour) throws Exception {
        byte[] msg = BcMessages.aead(flavour, PgpKeys.readPublicKeys(w.publicKey(w.gatewayEd)),
                PgpKeys.readSecretKeys(w.secretKey(w.partnerEd)), Payloads.binaryish(12, 300_000));
        msg[msg.length / 2] ^= 0x01;

        Throwable t = catchThrowable(() -> decrypt(w.decryptor(w.gatewayEd, w.partnerEd), msg, new ByteArrayOutputStream()));

        assertThat(t).isInstanceOf(IntegrityException.class).hasMessageContaining("AEAD");
    }

    @Test
    void refusesGarbageAfterAValidLookingHeader() {
        byte[] garbage = Payloads.binaryish(13, 5000);
        garbage[0] = (byte) 0x85; // old-format PKESK header ...
        garbage[1] = 0x01;
        garbage[2] = 0x0C;
        garbage[3] = 0x03; // ... version 3

        assertThatThrownBy(() -> w.decryptor(w.gatewayEd).decryptTo(new ByteArrayInputStream(garbage), new ByteArrayOutputStream()))
                .isInstanceOfAny(CorruptDataException.class, NoMatchingKeyException.class);
    }

    @Test
    void refusesKeyBlockGivenAsMessage() throws IOException {
        byte[] key = Files.readAllBytes(w.export(w.partnerEd, false, false));

        assertThatThrownBy(() -> w.decryptor(w.gatewayEd).open(new ByteArrayInputStream(key)))
                .isInstanceOfAny(CorruptDataException.class, EncryptionRequiredException.class);
    }

    private Path write(byte[] msg) throws IOException {
        return Files.write(tmp.resolve("list-" + System.nanoTime()), msg);
    }
}
