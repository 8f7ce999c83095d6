package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.hl7gw.testkit.gpg.GnuPg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's own key: made with Bouncy Castle, used by GnuPG 2.2 in both directions. */
@ExtendWith(GpgWorld.Extension.class)
class PgpKeyGeneratorTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    PgpKeyGeneratorTest(GpgWorld world) {
        this.w = world;
    }

    @Test
    void gnuPgImportsTheKeyEncryptsToItAndVerifiesItsSignature() throws IOException {
        PgpKeyGenerator.GeneratedKey key = new PgpKeyGenerator().generate("HL7 Gateway", "gateway@hospital.test", null,
                tmp.resolve("gw.pub.asc"), tmp.resolve("gw.sec.asc"));
        try (GnuPg partner = GnuPg.create(Files.createDirectories(tmp.resolve("p")))) {
            partner.importKeys(key.publicKeyFile());
            partner.importKeys(w.secretKey(w.partnerEd));
            assertThat(partner.fingerprints("gateway@hospital.test"))
                    .containsExactly(key.primaryKey().fingerprint(), key.encryptionKey().fingerprint());

            // partner -> gateway
            byte[] plain = Payloads.corpusBatchBytes();
            Path msg = partner.encrypt(Payloads.corpusBatch(), tmp.resolve("to-gw.gpg"),
                    GnuPg.Options.create().recipient("gateway@hospital.test").signer(w.partnerEd));
            PgpDecryptor decryptor = PgpDecryptor.builder().decryptionKeys(List.of(key.secretKeyFile()))
                    .signers(List.of(w.publicKey(w.partnerEd))).build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PgpResult r;
            try (InputStream in = Files.newInputStream(msg)) {
                r = decryptor.decryptTo(in, out);
            }
            assertThat(out.toByteArray()).isEqualTo(plain);
            assertThat(r.recipientKey().orElseThrow().keyId()).isEqualTo(key.encryptionKey().keyId());
            assertThat(r.recipientKey().orElseThrow().algorithm()).isEqualTo("Cv25519");

            // gateway -> partner, signed with the generated key
            PgpEncryptor encryptor = PgpEncryptor.builder().recipients(List.of(w.publicKey(w.partnerEd)))
                    .signWith(List.of(key.secretKeyFile())).build();
            Path back = tmp.resolve("from-gw.gpg");
            try (OutputStream o = Files.newOutputStream(back)) {
                encryptor.encrypt(new java.io.ByteArrayInputStream(plain), o);
            }
            GnuPg.Outcome outcome = partner.decrypt(back, tmp.resolve("back.txt"));
            assertThat(outcome.ok()).as(outcome.stderr()).isTrue();
            assertThat(outcome.stderr()).contains("Good signature from \"HL7 Gateway <gateway@hospital.test>\"");
            assertThat(outcome.validSignatureFingerprint()).isEqualTo(key.primaryKey().fingerprint());
            assertThat(Files.readAllBytes(tmp.resolve("back.txt"))).isEqualTo(plain);
        }
    }

    @Test
    void gnuPgImportsThePassphraseProtectedSecretKey() throws IOException {
        PgpKeyGenerator.GeneratedKey key = new PgpKeyGenerator().generate("HL7 Gateway", "gateway@hospital.test",
                "s3cret phrase".toCharArray(), tmp.resolve("gw.pub.asc"), tmp.resolve("gw.sec.asc"));
        try (GnuPg gw = GnuPg.create(Files.createDirectories(tmp.resolve("g")))) {
            gw.importKeys(key.secretKeyFile());
            String listing = gw.run(List.of("--with-colons", "--list-secret-keys", key.primaryKey().fingerprint()), null)
                    .check("list secret keys").stdout();
            assertThat(listing).contains("sec:").contains("ssb:").contains("ed25519").contains("cv25519");
        }
        assertThatThrownBy(() -> PgpDecryptor.builder().decryptionKeys(List.of(key.secretKeyFile()), "wrong".toCharArray()).build())
                .isInstanceOf(WrongPassphraseException.class);
        assertThat(PgpDecryptor.builder().decryptionKeys(List.of(key.secretKeyFile()), "s3cret phrase".toCharArray()).build()
                .decryptionKeyIds()).containsExactly(key.encryptionKey().keyId());
    }

    @Test
    void createsTheSecretKeyFileWithMode0600() throws IOException {
        PgpKeyGenerator.GeneratedKey key = new PgpKeyGenerator().generate("HL7 Gateway", "gateway@hospital.test", null,
                tmp.resolve("gw.pub.asc"), tmp.resolve("gw.sec.asc"));

        assertThat(Files.getPosixFilePermissions(key.secretKeyFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(key.secretKeyFile())).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        assertThat(Files.readString(key.publicKeyFile())).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
    }

    @Test
    void generatesEd25519PrimaryWithCv25519EncryptionSubkeyAndNoExpiry() {
        PgpKeyGenerator.GeneratedKey key = new PgpKeyGenerator().generate("HL7 Gateway", "gateway@hospital.test", null,
                tmp.resolve("gw.pub.asc"), tmp.resolve("gw.sec.asc"));

        List<KeyInfo> keys = KeyInspector.inspect(key.secretKeyFile());

        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).algorithm()).isEqualTo("Ed25519");
        assertThat(keys.get(0).capabilities()).containsExactlyInAnyOrder(KeyCapability.CERTIFY, KeyCapability.SIGN);
        assertThat(keys.get(0).userIds()).containsExactly("HL7 Gateway <gateway@hospital.test>");
        assertThat(keys.get(1).algorithm()).isEqualTo("Cv25519");
        assertThat(keys.get(1).capabilities()).containsExactly(KeyCapability.ENCRYPT);
        assertThat(keys).allSatisfy(k -> {
            assertThat(k.expires()).isEmpty();
            assertThat(k.secret()).isTrue();
            assertThat(k.passphraseProtected()).isFalse();
        });
    }

    @Test
    void refusesToOverwriteAnExistingKeyFile() throws IOException {
        Path existing = Files.writeString(tmp.resolve("gw.sec.asc"), "keep me");

        assertThatThrownBy(() -> new PgpKeyGenerator().generate("HL7 Gateway", "gateway@hospital.test", null,
                tmp.resolve("gw.pub.asc"), existing))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("exists");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(tmp.resolve("gw.pub.asc")).doesNotExist();
    }

    @Test
    void refusesAnInvalidEmailAddress() {
        assertThatThrownBy(() -> new PgpKeyGenerator().generate("HL7 Gateway", "not an address", null,
                tmp.resolve("a"), tmp.resolve("b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Set.of(tmp.resolve("a"), tmp.resolve("b"))).allSatisfy(p -> assertThat(p).doesNotExist());
    }
}
