package org.hl7gw.ftps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.testkit.ftp.ProgramRun;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;
import org.hl7gw.testkit.ftp.SelfSignedCertificate.KeyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates and keys as openssl writes them. */
class PemFilesTest {
    @TempDir
    static Path dir;
    private static SelfSignedCertificate rsa;
    private static SelfSignedCertificate ec;

    @BeforeAll
    static void make() {
        rsa = SelfSignedCertificate.create(dir, KeyType.RSA_2048, "rsa.pem", "rsa-key.pem");
        ec = SelfSignedCertificate.create(dir, KeyType.EC_P256, "ec.pem", "ec-key.pem");
    }

    @Test
    void readsAnRsaAndAnEcPkcs8KeyWithTheirCertificates() {
        assertThat(PemFiles.read(rsa.certificate(), rsa.privateKey()).key().getAlgorithm()).isEqualTo("RSA");
        assertThat(PemFiles.read(ec.certificate(), ec.privateKey()).key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readsAWholeChainLeafFirst() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(rsa.certificate()) + "\n" + Files.readString(ec.certificate()));

        PemFiles.KeyAndChain kc = PemFiles.read(chain, rsa.privateKey());

        assertThat(kc.chain()).hasSize(2);
        assertThat(kc.leaf().getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() {
        assertThatThrownBy(() -> PemFiles.read(rsa.certificate(), ec.privateKey()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ec-key.pem").hasMessageContaining("does not belong").hasMessageContaining("rsa.pem");
    }

    @Test
    void anOldStyleRsaKeyIsRefusedWithTheCommandThatConvertsIt() {
        Path traditional = dir.resolve("traditional.pem");
        ProgramRun.run(List.of("openssl", "rsa", "-in", rsa.privateKey().toString(), "-traditional", "-out", traditional.toString()),
                dir.resolve("runs"), Duration.ofMinutes(1)).check();

        assertThatThrownBy(() -> PemFiles.read(rsa.certificate(), traditional))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void anEncryptedKeyIsRefused() {
        Path encrypted = dir.resolve("encrypted.pem");
        Path pass = dir.resolve("pass.txt");
        ProgramRun.run(List.of("sh", "-c", "echo secret > " + pass), dir.resolve("runs"), Duration.ofMinutes(1)).check();
        ProgramRun.run(List.of("openssl", "pkcs8", "-topk8", "-in", rsa.privateKey().toString(), "-passout", "file:" + pass,
                "-out", encrypted.toString()), dir.resolve("runs"), Duration.ofMinutes(1)).check();

        assertThatThrownBy(() -> PemFiles.read(rsa.certificate(), encrypted))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("encrypted");
    }

    @Test
    void missingAndEmptyFilesAreNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here");

        assertThatThrownBy(() -> PemFiles.read(dir.resolve("missing.pem"), rsa.privateKey()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> PemFiles.read(empty, rsa.privateKey()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("empty.pem").hasMessageContaining("BEGIN CERTIFICATE");
        assertThatThrownBy(() -> PemFiles.read(rsa.certificate(), empty))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("BEGIN PRIVATE KEY");
    }
}
