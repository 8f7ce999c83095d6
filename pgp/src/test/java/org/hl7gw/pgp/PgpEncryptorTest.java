package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hl7gw.testkit.gpg.GnuPg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the gateway encrypts, GnuPG 2.2 decrypts and verifies; and the gateway reads it back. */
@ExtendWith(GpgWorld.Extension.class)
class PgpEncryptorTest {

    private final GpgWorld w;
    @TempDir
    Path tmp;

    PgpEncryptorTest(GpgWorld world) {
        this.w = world;
    }

    private Path encrypt(PgpEncryptor encryptor, byte[] plain, String name) throws IOException {
        Path out = tmp.resolve(name);
        try (OutputStream o = Files.newOutputStream(out)) {
            PgpEncryption e = encryptor.encrypt(new ByteArrayInputStream(plain), o);
            assertThat(e.plaintextBytes()).isEqualTo(plain.length);
        }
        return out;
    }

    @Test
    void gnuPgDecryptsAndVerifiesSignedMessageFromTheGateway() throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        PgpEncryptor encryptor = PgpEncryptor.builder()
                .recipients(List.of(w.publicKey(w.partnerEd)))
                .signWith(List.of(w.secretKey(w.gatewayEd)))
                .build();
        Path msg = encrypt(encryptor, plain, "to-partner.gpg");
        Path out = tmp.resolve("decrypted");

        GnuPg.Outcome o = w.gpg.decrypt(msg, out);

        assertThat(o.ok()).as(o.stderr()).isTrue();
        assertThat(o.stderr()).contains("Good signature");
        assertThat(o.hasStatus("DECRYPTION_OKAY")).isTrue();
        assertThat(o.hasStatus("GOODMDC")).isTrue();
        assertThat(o.validSignatureFingerprint()).isEqualTo(w.gatewayEd.fingerprint());
        assertThat(Files.readAllBytes(out)).isEqualTo(plain);
    }

    @Test
    void writesSeipdV1WithMdcAndAes256AsGnuPg22Expects() throws IOException {
        PgpEncryptor encryptor = PgpEncryptor.builder().recipients(List.of(w.publicKey(w.partnerRsa))).build();
        Path msg = encrypt(encryptor, Payloads.binaryish(1, 1000), "mdc.gpg");

        String packets = w.gpg.listPackets(msg);

        assertThat(packets).contains("tag=18").contains("mdc_method: 2").contains("keyid " + w.partnerRsa.subkeyId());
        // DECRYPTION_INFO <mdc method> <cipher>: MDC method 2 (SHA-1), cipher 9 (AES-256)
        assertThat(w.gpg.decrypt(msg, tmp.resolve("x")).status()).anySatisfy(l -> assertThat(l).startsWith("DECRYPTION_INFO 2 9"));
    }

    @Test
    void gnuPgDecryptsArmoredOutput() throws IOException {
        byte[] plain = Payloads.binaryish(2, 100_000);
        PgpEncryptor encryptor = PgpEncryptor.builder().recipients(List.of(w.publicKey(w.partnerRsa)))
                .signWith(List.of(w.secretKey(w.gatewayRsa))).armor(true).build();
        Path msg = encrypt(encryptor, plain, "armored.asc");
        assertThat(Files.readString(msg)).startsWith("-----BEGIN PGP MESSAGE-----");

        GnuPg.Outcome o = w.gpg.decrypt(msg, tmp.resolve("out"));

        assertThat(o.ok()).as(o.stderr()).isTrue();
        assertThat(o.validSignatureFingerprint()).isEqualTo(w.gatewayRsa.fingerprint());
        assertThat(Files.readAllBytes(tmp.resolve("out"))).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(PgpCompression.class)
    void gnuPgDecryptsEachCompression(PgpCompression compression) throws IOException {
        byte[] plain = Payloads.corpusBatchBytes();
        PgpEncryptor encryptor = PgpEncryptor.builder().recipients(List.of(w.publicKey(w.partnerEd)))
                .signWith(List.of(w.secretKey(w.gatewayP256))).compression(compression).build();
        Path msg = encrypt(encryptor, plain, "c-" + compression + ".gpg");

        GnuPg.Outcome o = w.gpg.decrypt(msg, tmp.resolve("out"));

        assertThat(o.ok()).as(o.stderr()).isTrue();
        assertThat(o.hasStatus("GOODSIG")).isTrue();
        assertThat(Files.readAllBytes(tmp.resolve("out"))).isEqualTo(plain);
        if (compression != PgpCompression.NONE) {
            assertThat(w.gpg.listPackets(msg)).contains("compressed packet: algo=" + switch (compression) {
                case ZIP -> 1;
                case ZLIB -> 2;
                default -> 3;
            });
        }
    }

    @Test
    void encryptsToTheEncryptionSubkeyOfEveryRecipient() throws IOException {
        PgpEncryptor encryptor = PgpEncryptor.builder()
                .recipients(List.of(w.publicKey(w.partnerEd), w.publicKey(w.partnerRsa), w.publicKey(w.gatewayP384)))
                .build();
        Path msg = encrypt(encryptor, Payloads.binaryish(3, 1000), "multi.gpg");

        assertThat(encryptor.recipients()).extracting(KeyRef::keyId)
                .containsExactly(w.partnerEd.subkeyId(), w.partnerRsa.subkeyId(), w.gatewayP384.subkeyId());
        assertThat(w.gpg.listPackets(msg)).contains(w.partnerEd.subkeyId(), w.partnerRsa.subkeyId(), w.gatewayP384.subkeyId());
        for (GnuPg.Key gateway : List.of(w.gatewayP384)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(msg)) {
                w.decryptor(gateway).decryptTo(in, out);
            }
            assertThat(out.toByteArray()).isEqualTo(Payloads.binaryish(3, 1000));
        }
    }

    @Test
    void gatewayDecryptsWhatItEncryptsByteForByte() throws IOException {
        byte[] plain = Payloads.binaryish(4, 2_000_000);
        PgpEncryptor encryptor = PgpEncryptor.builder().recipients(PgpKeys.readSecretKeys(w.secretKey(w.gatewayEd)).publicKeys())
                .signWith(PgpKeys.readSecretKeys(w.secretKey(w.partnerEd)), null).build();
        Path msg = encrypt(encryptor, plain, "roundtrip.gpg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PgpResult r;
        try (InputStream in = Files.newInputStream(msg)) {
            r = w.decryptor(w.gatewayEd, w.partnerEd).decryptTo(in, out);
        }

        assertThat(out.toByteArray()).isEqualTo(plain);
        assertThat(r.integrity()).isEqualTo(IntegrityProtection.MDC);
        assertThat(r.compression()).isEqualTo("ZLIB");
        assertThat(r.signer().orElseThrow().keyId()).isEqualTo(w.partnerEd.keyId());
    }

    @Test
    void signsWithAPassphraseProtectedKey() throws IOException {
        PgpEncryptor encryptor = PgpEncryptor.builder().recipients(List.of(w.publicKey(w.partnerEd)))
                .signWith(List.of(w.secretKey(w.gatewayProtected)), GpgWorld.PASSPHRASE.toCharArray()).build();
        Path msg = encrypt(encryptor, Payloads.binaryish(5, 1000), "protected-signer.gpg");

        GnuPg.Outcome o = w.gpg.decrypt(msg, tmp.resolve("out"));

        assertThat(o.validSignatureFingerprint()).isEqualTo(w.gatewayProtected.fingerprint());
    }

    @Test
    void refusesToEncryptToARevokedCertificate() {
        assertThatThrownBy(() -> PgpEncryptor.builder().recipients(List.of(w.publicKey(w.revokedSigner))).build())
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("revoked")
                .hasMessageContaining("0x" + w.revokedSigner.keyId());
    }
}
