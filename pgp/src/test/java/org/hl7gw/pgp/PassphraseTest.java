package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hl7gw.core.Secret;
import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A passphrase-protected gateway key: unlocked with the right passphrase, refused at build time otherwise. */
@ExtendWith(GpgWorld.Extension.class)
class PassphraseTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    PassphraseTest(GpgWorld world) {
        this.w = world;
    }

    @Test
    void decryptsWithProtectedKeyAndTheRightPassphraseReadFromASecretFile() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        Path msg = w.gpg.encrypt(Files.write(tmp.resolve("p"), plain), tmp.resolve("m.gpg"),
                Options.create().recipient(w.gatewayProtected).signer(w.partnerEd));
        Path passFile = Files.writeString(tmp.resolve("pass"), GpgWorld.PASSPHRASE + "\n");
        PgpDecryptor d = PgpDecryptor.builder()
                .decryptionKeys(List.of(w.secretKey(w.gatewayProtected)), Secret.file(passFile))
                .signers(List.of(w.publicKey(w.partnerEd)))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (InputStream in = Files.newInputStream(msg)) {
            d.decryptTo(in, out);
        }

        assertThat(out.toByteArray()).isEqualTo(plain);
    }

    @Test
    void refusesWrongPassphraseWhenBuildingNamingKeyAndFile() {
        Path key = w.secretKey(w.gatewayProtected);

        assertThatThrownBy(() -> PgpDecryptor.builder().decryptionKeys(List.of(key), "wrong".toCharArray()).build())
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("0x" + w.gatewayProtected.subkeyId())
                .hasMessageContaining(key.toString());
    }

    @Test
    void refusesWrongPassphraseFromASecretFile() throws IOException {
        Path passFile = Files.writeString(tmp.resolve("pass"), "not it\n");

        assertThatThrownBy(() -> PgpDecryptor.builder()
                .decryptionKeys(List.of(w.secretKey(w.gatewayProtected)), Secret.file(passFile)).build())
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageNotContaining("not it");
    }

    @Test
    void refusesMissingPassphraseWhenBuilding() {
        Path key = w.secretKey(w.gatewayProtected);

        assertThatThrownBy(() -> PgpDecryptor.builder().decryptionKeys(List.of(key)).build())
                .isInstanceOf(MissingPassphraseException.class)
                .hasMessageContaining("protected by a passphrase")
                .hasMessageContaining(key.toString());
    }

    @Test
    void unprotectedKeyIgnoresAConfiguredPassphrase() {
        PgpDecryptor d = PgpDecryptor.builder().decryptionKeys(List.of(w.secretKey(w.gatewayEd)), "unused".toCharArray()).build();

        assertThat(d.decryptionKeyIds()).containsExactly(w.gatewayEd.subkeyId());
    }
}
