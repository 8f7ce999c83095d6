package org.hl7gw.mllp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.mllp.frame.EndOfData;
import org.hl7gw.mllp.support.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {
    @TempDir
    static Path dir;
    private static TestPki pki;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create(dir);
    }

    private static int certificates(KeyStore store) throws Exception {
        return Collections.list(store.aliases()).size();
    }

    @Test
    void detectsAPemTruststoreByItsContent() throws Exception {
        Path renamed = dir.resolve("trust.bin");
        Files.copy(pki.caPem(), renamed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(certificates(TlsContexts.loadTruststore(renamed, null))).isEqualTo(1);
    }

    @Test
    void detectsAPkcs12TruststoreByItsContent() throws Exception {
        Path renamed = dir.resolve("trust.pem");
        Files.copy(pki.truststoreP12(), renamed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(certificates(TlsContexts.loadTruststore(renamed, TestPki.TRUSTSTORE_PASSWORD.clone()))).isEqualTo(1);
    }

    @Test
    void readsSeveralPemCertificatesFromOneFile() throws Exception {
        Path two = dir.resolve("two.pem");
        String pem = Files.readString(pki.caPem());
        Files.writeString(two, "# our CA, twice\n" + pem + pem);
        assertThat(certificates(TlsContexts.loadTruststore(two, null))).isEqualTo(2);
    }

    @Test
    void refusesAFileThatIsNeitherPemNorPkcs12NamingTheFile() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.txt"), "not a keystore");
        assertThatThrownBy(() -> TlsContexts.loadTruststore(junk, null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("junk.txt").hasMessageContaining("neither PEM certificates nor a PKCS12 keystore");
        assertThatThrownBy(() -> TlsContexts.loadTruststore(dir.resolve("missing.pem"), null)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("missing.pem");
    }

    @Test
    void aWrongClientKeystorePasswordFailsWhenTheConnectorIsBuiltNotAtTheFirstMessage() {
        TlsSettings settings = TlsSettings.trusting(pki.caPem()).withClientCertificate(pki.clientP12(), "wrong".toCharArray());
        MllpEndpoint endpoint = new MllpEndpoint("127.0.0.1", 1, true);
        assertThatThrownBy(() -> new MllpConnector(endpoint, Optional.of(settings), Duration.ofSeconds(1), 1024, EndOfData.REQUIRED))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("client.p12").message().doesNotContain("wrong");
    }

    @Test
    void offersOnlyTls13And12() {
        assertThat(TlsSettings.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
    }
}
