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
import java.util.List;

import org.hl7gw.core.ConfigurationException;
import org.hl7gw.testkit.gpg.GnuPg.Compression;
import org.hl7gw.testkit.gpg.GnuPg.Key;
import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Who signed, and whether the policy accepts it: REQUIRED, OPTIONAL, NONE. */
@ExtendWith(GpgWorld.Extension.class)
class SignaturePolicyTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    SignaturePolicyTest(GpgWorld world) {
        this.w = world;
    }

    private byte[] gpgMessage(byte[] plain, Options options) throws IOException {
        Path in = Files.write(tmp.resolve("plain-" + System.nanoTime()), plain);
        return Files.readAllBytes(w.gpg.encrypt(in, tmp.resolve("msg-" + System.nanoTime()), options));
    }

    private PgpDecryptor decryptor(SignaturePolicy policy, Key... signers) {
        PgpDecryptor.Builder b = PgpDecryptor.builder()
                .decryptionKeys(PgpKeys.readSecretKeys(w.secretKey(w.gatewayEd)), null)
                .policy(PgpPolicy.defaults().withSignatures(policy));
        if (signers.length > 0) {
            b.signers(PgpKeys.readPublicKeys(Arrays.stream(signers).map(w::publicKey).toList()));
        }
        return b.build();
    }

    private static PgpResult run(PgpDecryptor d, byte[] msg) throws IOException {
        return d.decryptTo(new ByteArrayInputStream(msg), new ByteArrayOutputStream());
    }

    @Test
    void signaturesAreRequiredByDefaultWhenSignerKeysAreConfigured() {
        PgpDecryptor d = w.decryptor(w.gatewayEd, w.partnerEd);

        assertThat(d.policy().signatures()).isEqualTo(SignaturePolicy.REQUIRED);
    }

    @Test
    void refusesUnsignedMessageWhenSignatureIsRequiredBeforeReadingPlaintext() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd));

        Throwable t = catchThrowable(() -> w.decryptor(w.gatewayEd, w.partnerEd).open(new ByteArrayInputStream(msg)));

        assertThat(t).isInstanceOf(SignatureException.class).hasMessageContaining("not signed")
                .hasMessageContaining("0x" + w.partnerEd.keyId());
        assertThat(((SignatureException) t).reason()).isEqualTo(SignatureException.Reason.MISSING);
    }

    @Test
    void refusesSignatureByUnknownKeyNamingIt() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd).signer(w.stranger));

        Throwable t = catchThrowable(() -> run(w.decryptor(w.gatewayEd, w.partnerEd, w.partnerRsa), msg));

        assertThat(t).isInstanceOf(SignatureException.class)
                .hasMessageContaining("0x" + w.stranger.keyId())
                .hasMessageContaining("not among the signer keys")
                .hasMessageContaining("0x" + w.partnerEd.keyId());
        assertThat(((SignatureException) t).reason()).isEqualTo(SignatureException.Reason.UNKNOWN_SIGNER);
    }

    @Test
    void refusesSignatureMadeAfterTheSigningKeyExpired() {
        PgpDecryptor d = w.decryptor(w.gatewayEd, w.expiredSigner);

        Throwable t = catchThrowable(() -> run(d, Files.readAllBytes(w.expiredSignerMessage)));

        assertThat(t).isInstanceOf(SignatureException.class).hasMessageContaining("expired")
                .hasMessageContaining("0x" + w.expiredSigner.keyId());
        assertThat(((SignatureException) t).reason()).isEqualTo(SignatureException.Reason.KEY_EXPIRED);
    }

    @Test
    void refusesSignatureByRevokedKey() {
        PgpDecryptor d = w.decryptor(w.gatewayEd, w.revokedSigner);

        Throwable t = catchThrowable(() -> run(d, Files.readAllBytes(w.revokedSignerMessage)));

        assertThat(t).isInstanceOf(SignatureException.class).hasMessageContaining("revoked")
                .hasMessageContaining("0x" + w.revokedSigner.keyId());
        assertThat(((SignatureException) t).reason()).isEqualTo(SignatureException.Reason.KEY_REVOKED);
    }

    @Test
    void refusesSignatureThatDoesNotMatchTheData() throws IOException {
        // signed only, uncompressed: the literal bytes are in the clear, so one can be changed
        byte[] plain = "MSH|^~\\&|LAB|PARTNER|GW|HOSP|20240101120000||ORU^R01|CTRL1|P|2.5\r".getBytes();
        byte[] msg = gpgMessage(plain, Options.create().signer(w.partnerEd).compression(Compression.NONE));
        int at = indexOf(msg, "CTRL1".getBytes());
        msg[at] = 'X';
        PgpDecryptor d = PgpDecryptor.builder().signers(PgpKeys.readPublicKeys(w.publicKey(w.partnerEd)))
                .policy(PgpPolicy.defaults().withRequireEncryption(false)).build();

        Throwable t = catchThrowable(() -> run(d, msg));

        assertThat(t).isInstanceOf(SignatureException.class).hasMessageContaining("does not match the data");
        assertThat(((SignatureException) t).reason()).isEqualTo(SignatureException.Reason.BAD);
    }

    @Test
    void verifiesGnuPgTextModeSignatureOverHl7WithLoneCarriageReturns() throws IOException {
        // HL7 ends segments with CR only; gpg --textmode hashes a lone CR as is, where Bouncy Castle alone would not.
        // (gpg sees the whole file as one line, and refuses text lines over 19995 bytes: only small files work)
        byte[] plain = java.util.Arrays.copyOf(Payloads.corpusBatchBytes(), 15_000);
        assertThat(new String(plain, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("\r").doesNotContain("\n");
        byte[] msg = gpgMessage(plain, Options.create().recipient(w.gatewayEd).signer(w.partnerEd).textMode());

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PgpResult r = w.decryptor(w.gatewayEd, w.partnerEd).decryptTo(new ByteArrayInputStream(msg), out);

        assertThat(r.signatureVerified()).isTrue();
        assertThat(out.toByteArray()).isEqualTo(plain);
    }

    @Test
    void verifiesGnuPgTextModeSignatureOverLineFeedText() throws IOException {
        byte[] plain = "line one\nline two\r\nline three\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] msg = gpgMessage(plain, Options.create().recipient(w.gatewayEd).signer(w.partnerEd).textMode());

        assertThat(run(w.decryptor(w.gatewayEd, w.partnerEd), msg).signatureVerified()).isTrue();
    }

    @Test
    void verifiesStrictTextSignatureMadeByBouncyCastle() throws Exception {
        byte[] plain = Payloads.corpusBatchBytes();
        byte[] msg = BcMessages.textSigned(PgpKeys.readPublicKeys(w.publicKey(w.gatewayEd)), PgpKeys.readSecretKeys(w.secretKey(w.partnerEd)),
                plain);

        assertThat(run(w.decryptor(w.gatewayEd, w.partnerEd), msg).signatureVerified()).isTrue();
    }

    @Test
    void refusesTextSignatureOverAlteredText() throws IOException {
        byte[] plain = "MSH|^~\\&|LAB|PARTNER|GW|HOSP|20240101120000||ORU^R01|CTRL1|P|2.5\r".getBytes();
        byte[] msg = gpgMessage(plain, Options.create().signer(w.partnerEd).textMode().compression(Compression.NONE));
        msg[indexOf(msg, "CTRL1".getBytes())] = 'X';
        PgpDecryptor d = PgpDecryptor.builder().signers(PgpKeys.readPublicKeys(w.publicKey(w.partnerEd)))
                .policy(PgpPolicy.defaults().withRequireEncryption(false)).build();

        assertThatThrownBy(() -> run(d, msg)).isInstanceOf(SignatureException.class).hasMessageContaining("does not match");
    }

    @Test
    void acceptsUnsignedMessageWhenSignatureIsOptional() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd));

        PgpResult r = run(decryptor(SignaturePolicy.OPTIONAL, w.partnerEd), msg);

        assertThat(r.signature()).isEqualTo(SignatureStatus.NOT_SIGNED);
    }

    @Test
    void verifiesSignatureWhenOptionalAndPresent() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd).signer(w.partnerRsa));

        PgpResult r = run(decryptor(SignaturePolicy.OPTIONAL, w.partnerEd, w.partnerRsa), msg);

        assertThat(r.signatureVerified()).isTrue();
        assertThat(r.signer().orElseThrow().keyId()).isEqualTo(w.partnerRsa.keyId());
    }

    @Test
    void refusesUnknownSignerEvenWhenSignatureIsOptional() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd).signer(w.stranger));

        assertThatThrownBy(() -> run(decryptor(SignaturePolicy.OPTIONAL, w.partnerEd), msg))
                .isInstanceOf(SignatureException.class)
                .satisfies(e -> assertThat(((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.UNKNOWN_SIGNER));
    }

    @Test
    void ignoresSignaturesWhenPolicyIsNone() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd).signer(w.stranger));

        PgpResult r = run(decryptor(SignaturePolicy.NONE), msg);

        assertThat(r.signed()).isTrue();
        assertThat(r.signature()).isEqualTo(SignatureStatus.NOT_CHECKED);
        assertThat(r.signer()).isEmpty();
    }

    @Test
    void explicitRequiredPolicyWithoutSignerKeysIsAConfigurationError() {
        assertThatThrownBy(() -> decryptor(SignaturePolicy.REQUIRED))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("signer");
    }

    @Test
    void acceptsSignatureByOneOfSeveralConfiguredSigners() throws IOException {
        byte[] msg = gpgMessage(Payloads.corpusBatchBytes(), Options.create().recipient(w.gatewayEd).signer(w.partnerEd));
        PgpDecryptor d = PgpDecryptor.builder()
                .decryptionKeys(List.of(w.secretKey(w.gatewayEd)))
                .signers(List.of(w.publicKey(w.partnerRsa), w.publicKey(w.stranger), w.publicKey(w.partnerEd)))
                .build();

        assertThat(run(d, msg).signer().orElseThrow().fingerprint()).isEqualTo(w.partnerEd.fingerprint());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (data[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
