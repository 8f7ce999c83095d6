package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** requireEncryption (the default) refuses plaintext and signed-only payloads before reading them. */
@ExtendWith(GpgWorld.Extension.class)
class RequireEncryptionTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    RequireEncryptionTest(GpgWorld world) {
        this.w = world;
    }

    @Test
    void encryptionIsRequiredByDefault() {
        assertThat(PgpPolicy.defaults().requireEncryption()).isTrue();
    }

    @Test
    void refusesPlaintextHl7File() throws IOException {
        PgpDecryptor d = w.decryptor(w.gatewayEd);

        try (InputStream in = Files.newInputStream(Payloads.corpusBatch())) {
            assertThatThrownBy(() -> d.open(in))
                    .isInstanceOf(EncryptionRequiredException.class)
                    .hasMessageContaining("plaintext");
        }
    }

    @Test
    void refusesSignedButNotEncryptedMessage() throws IOException {
        Path msg = w.gpg.encrypt(Payloads.corpusBatch(), tmp.resolve("signed.gpg"), Options.create().signer(w.partnerEd));
        PgpDecryptor d = w.decryptor(w.gatewayEd, w.partnerEd);

        try (InputStream in = Files.newInputStream(msg)) {
            assertThatThrownBy(() -> d.open(in))
                    .isInstanceOf(EncryptionRequiredException.class)
                    .hasMessageContaining("not encrypted");
        }
    }

    @Test
    void refusesArmoredSignedButNotEncryptedMessage() throws IOException {
        Path msg = w.gpg.encrypt(Payloads.corpusBatch(), tmp.resolve("signed.asc"), Options.create().signer(w.partnerEd).armor());
        PgpDecryptor d = w.decryptor(w.gatewayEd, w.partnerEd);

        try (InputStream in = Files.newInputStream(msg)) {
            assertThatThrownBy(() -> d.open(in)).isInstanceOf(EncryptionRequiredException.class);
        }
    }

    @Test
    void passesPlaintextThroughUnchangedWhenNeitherEncryptionNorSignatureIsRequired() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        PgpDecryptor d = PgpDecryptor.builder()
                .policy(PgpPolicy.defaults().withRequireEncryption(false).withSignatures(SignaturePolicy.NONE))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PgpResult r = d.decryptTo(new ByteArrayInputStream(plain), out);

        assertThat(out.toByteArray()).isEqualTo(plain);
        assertThat(r.encrypted()).isFalse();
        assertThat(r.warnings()).anySatisfy(s -> assertThat(s).contains("not OpenPGP"));
    }

    @Test
    void refusesPlaintextWhenSignatureIsRequiredEvenIfEncryptionIsNot() {
        PgpDecryptor d = PgpDecryptor.builder().signers(PgpKeys.readPublicKeys(w.publicKey(w.partnerEd)))
                .policy(PgpPolicy.defaults().withRequireEncryption(false)).build();

        assertThatThrownBy(() -> d.open(new ByteArrayInputStream(Payloads.corpusBatchBytes())))
                .isInstanceOf(SignatureException.class)
                .satisfies(e -> assertThat(((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.MISSING));
    }
}
