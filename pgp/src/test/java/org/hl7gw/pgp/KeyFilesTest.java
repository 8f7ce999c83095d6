package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reading key files as GnuPG exports them, and clear errors naming the file when a file is not a key. */
@ExtendWith(GpgWorld.Extension.class)
class KeyFilesTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    KeyFilesTest(GpgWorld world) {
        this.w = world;
    }

    @Test
    void readsSeveralKeysFromOneArmoredFile() throws IOException {
        Path both = tmp.resolve("partners.asc");
        Files.write(both, Files.readAllBytes(w.publicKey(w.partnerEd)));
        Files.write(both, Files.readAllBytes(w.publicKey(w.partnerRsa)), java.nio.file.StandardOpenOption.APPEND);

        PgpPublicKeys keys = PgpKeys.readPublicKeys(both);

        assertThat(keys.fingerprints()).containsExactly(w.partnerEd.fingerprint(), w.partnerRsa.fingerprint());
        assertThat(keys.keyIds()).contains(w.partnerEd.keyId(), w.partnerEd.subkeyId(), w.partnerRsa.keyId(), w.partnerRsa.subkeyId());
    }

    @Test
    void readsSeveralKeysFromOneBinaryFile() {
        Path both = tmp.resolve("two.gpg");
        w.gpg.run(List.of("--output", both.toString(), "--export", w.partnerEd.fingerprint(), w.stranger.fingerprint()), null)
                .check("export two keys");

        assertThat(PgpKeys.readPublicKeys(both).fingerprints()).containsExactlyInAnyOrder(w.partnerEd.fingerprint(),
                w.stranger.fingerprint());
    }

    @Test
    void readsSecretKeysWithSubkeys() {
        PgpSecretKeys keys = PgpKeys.readSecretKeys(w.secretKey(w.gatewayRsa));

        assertThat(keys.keyIds()).containsExactly(w.gatewayRsa.keyId(), w.gatewayRsa.subkeyId());
        assertThat(keys.publicKeys().fingerprints()).containsExactly(w.gatewayRsa.fingerprint());
    }

    @Test
    void acceptsASecretKeyFileAsSignerKeys() {
        assertThat(PgpKeys.readPublicKeys(w.secretKey(w.partnerEd)).fingerprints()).containsExactly(w.partnerEd.fingerprint());
    }

    @Test
    void namesTheFileWhenItIsNotAKey() {
        Path hl7 = Payloads.corpusBatch();

        assertThatThrownBy(() -> PgpKeys.readPublicKeys(hl7))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(hl7.toString())
                .hasMessageContaining("not an OpenPGP key file");
    }

    @Test
    void namesAMissingFile() {
        Path missing = tmp.resolve("nope.asc");

        assertThatThrownBy(() -> PgpKeys.readSecretKeys(missing))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesAPublicKeyFileWhereASecretKeyIsNeeded() {
        Path pub = w.publicKey(w.gatewayEd);

        assertThatThrownBy(() -> PgpDecryptor.builder().decryptionKeys(List.of(pub)).build())
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(pub.toString())
                .hasMessageContaining("public keys only");
    }

    @Test
    void refusesAnEncryptedMessageGivenAsKeyFile() {
        Path msg = w.gpg.encrypt(Payloads.corpusBatch(), tmp.resolve("m.asc"), Options.create().recipient(w.gatewayEd).armor());

        assertThatThrownBy(() -> PgpKeys.readPublicKeys(msg))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("message, not a key");
    }

    @Test
    void refusesAGarbledArmoredKey() throws IOException {
        String text = Files.readString(w.publicKey(w.partnerEd));
        Path bad = Files.writeString(tmp.resolve("bad.asc"), text.substring(0, text.length() / 2) + "\n-----END PGP PUBLIC KEY BLOCK-----\n");

        assertThatThrownBy(() -> PgpKeys.readPublicKeys(bad))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(bad.toString());
    }
}
