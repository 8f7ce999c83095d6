package org.hl7gw.gateway.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7gw.gateway.cli.Cli;
import org.hl7gw.testkit.Corpus;
import org.hl7gw.testkit.gpg.GnuPg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code decrypt}, {@code encrypt} and {@code keys} against real GnuPG, both ways. */
class PgpCommandsTest {
    @TempDir
    static Path shared;
    static GnuPg gpg;
    static GnuPg.Key gateway;
    static GnuPg.Key partner;
    static GnuPg.Key stranger;
    static Path gatewaySecret;
    static Path gatewayPublic;
    static Path partnerPublic;
    static Path partnerSecret;
    static final Path BATCH = Corpus.locate().file("batch/reportstream__sample-batch-pdi-20210608-0001.hl7");

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        gpg = GnuPg.create(shared.resolve("gpg"));
        gateway = gpg.generateKey("HL7 Gateway", "gw@example.test", GnuPg.KeyType.CURVE_25519);
        partner = gpg.generateKey("Partner Lab", "lab@example.test", GnuPg.KeyType.RSA_3072);
        stranger = gpg.generateKey("Someone Else", "else@example.test", GnuPg.KeyType.CURVE_25519);
        gatewaySecret = gpg.exportSecretKey(gateway, shared.resolve("gw-secret.asc"), true);
        gatewayPublic = gpg.exportPublicKey(gateway, shared.resolve("gw-public.asc"), true);
        partnerPublic = gpg.exportPublicKey(partner, shared.resolve("lab-public.asc"), true);
        partnerSecret = gpg.exportSecretKey(partner, shared.resolve("lab-secret.asc"), true);
    }

    @AfterAll
    static void stopAgent() {
        gpg.close();
    }

    @Test
    void decryptsWhatGnuPgEncryptedAndSignedAndNamesTheSigner() throws Exception {
        Path enc = gpg.encrypt(BATCH, dir.resolve("batch.gpg"), GnuPg.Options.create().recipient(gateway).signer(partner));
        Path out = dir.resolve("plain.hl7");

        Cli r = Cli.run("decrypt", enc.toString(), "--key", gatewaySecret.toString(), "--verify", partnerPublic.toString(),
                "--require-signature", "--out", out.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(BATCH));
        assertThat(r.out()).contains("signed by 0x").contains(partner.fingerprint().substring(partner.fingerprint().length() - 16));
    }

    @Test
    void refusesAFileForAnotherKeyAndLeavesNoOutput() throws Exception {
        Path enc = gpg.encrypt(BATCH, dir.resolve("batch.gpg"), GnuPg.Options.create().recipient(stranger));
        Path out = dir.resolve("plain.hl7");

        Cli r = Cli.run("decrypt", enc.toString(), "--key", gatewaySecret.toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("REFUSED").contains("none of them is among the gateway's decryption keys");
        assertThat(out).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("batch.gpg");
        }
    }

    @Test
    void refusesAnUnsignedFileWhenASignatureIsRequired() throws Exception {
        Path enc = gpg.encrypt(BATCH, dir.resolve("batch.gpg"), GnuPg.Options.create().recipient(gateway));
        Cli r = Cli.run("decrypt", enc.toString(), "--key", gatewaySecret.toString(), "--verify", partnerPublic.toString(),
                "--require-signature", "--out", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).containsIgnoringCase("signature");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        Path enc = gpg.encrypt(BATCH, dir.resolve("batch.gpg"), GnuPg.Options.create().recipient(gateway));
        byte[] all = Files.readAllBytes(enc);
        Path cut = Files.write(dir.resolve("cut.gpg"), java.util.Arrays.copyOf(all, all.length / 2));
        Cli r = Cli.run("decrypt", cut.toString(), "--key", gatewaySecret.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void whatTheGatewayEncryptsAndSignsGnuPgDecryptsAndVerifies() throws Exception {
        Path enc = dir.resolve("to-gw.asc");
        Cli r = Cli.run("encrypt", BATCH.toString(), "--recipient", gatewayPublic.toString(), "--sign-key", partnerSecret.toString(), "--armor",
                "--out", enc.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(enc)).startsWith("-----BEGIN PGP MESSAGE-----");

        GnuPg.Outcome o = gpg.decrypt(enc, dir.resolve("back.hl7"));
        assertThat(o.ok()).as(o.stderr()).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("back.hl7"))).isEqualTo(Files.readAllBytes(BATCH));
        assertThat(o.status()).anySatisfy(s -> assertThat(s).startsWith("GOODSIG"));
    }

    @Test
    void aGeneratedGatewayKeyWorksWithGnuPgAndItsSecretIsOwnerOnly() throws Exception {
        Path keys = dir.resolve("keys");
        Cli gen = Cli.run("keys", "generate", "--name", "Test Gateway", "--email", "gw2@example.test", "--out", keys.toString());
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        Path pub = keys.resolve("gw2_example.test-public.asc");
        Path sec = keys.resolve("gw2_example.test-secret.asc");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(sec))).isEqualTo("rw-------");

        Cli inspect = Cli.run("keys", "inspect", pub.toString());
        assertThat(inspect.out()).contains("Ed25519").contains("Cv25519").contains("[SC]").contains("[E]").contains("expires never");

        gpg.importKeys(pub);
        Path enc = gpg.encrypt(BATCH, dir.resolve("b.gpg"), GnuPg.Options.create().recipient("gw2@example.test"));
        Cli dec = Cli.run("decrypt", enc.toString(), "--key", sec.toString(), "--out", dir.resolve("b.hl7").toString());
        assertThat(dec.exitCode()).as(dec.out()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("b.hl7"))).isEqualTo(Files.readAllBytes(BATCH));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Cli.run("decrypt", BATCH.toString(), "--out", dir.resolve("x").toString()).exitCode()).isEqualTo(2);
        assertThat(Cli.run("decrypt", "missing.gpg", "--key", gatewaySecret.toString(), "--out", dir.resolve("x").toString()).exitCode())
                .isEqualTo(2);
        assertThat(Cli.run("decrypt", BATCH.toString(), "--key", gatewaySecret.toString(), "--passphrase", "secret",
                "--out", dir.resolve("x").toString()).exitCode()).isEqualTo(2);
    }
}
