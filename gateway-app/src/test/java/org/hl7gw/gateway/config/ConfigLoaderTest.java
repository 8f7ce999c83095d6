package org.hl7gw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hl7gw.gateway.cli.Cli;
import org.hl7gw.gateway.partners.PasswordHash;
import org.hl7gw.mllp.HaltPolicy;
import org.hl7gw.pgp.PgpKeyGenerator;
import org.hl7gw.splitter.CountMismatchPolicy;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        OpenSshClient.KeyFiles k = OpenSshClient.generateKey(dir.resolve("keys"), "acme");
        Files.writeString(dir.resolve("keys/authorized_keys"), k.publicKeyLine() + "\n");
        Files.writeString(dir.resolve("keys/password.hash"), PasswordHash.pbkdf2("pw".toCharArray(), 10_000).encoded());
        new PgpKeyGenerator().generate("GW", "gw@example.test", null, dir.resolve("keys/gw-public.asc"), dir.resolve("keys/gw-secret.asc"));
        new PgpKeyGenerator().generate("Lab", "lab@example.test", null, dir.resolve("keys/lab-public.asc"), dir.resolve("keys/lab-secret.asc"));
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("gateway.yaml"), yaml);
    }

    private static final String MINIMAL = """
            destinations:
              - id: lis
                url: mllp://127.0.0.1:2575
            partners:
              - id: acme
                authorizedKeys: ./keys/authorized_keys
                destination: lis
            """;

    @Test
    void aMinimalConfigurationLoadsWithItsDefaults() throws Exception {
        GatewayConfig c = loader.load(write(MINIMAL));
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.destinations()).singleElement().satisfies(d -> {
            assertThat(d.onFailure()).isEqualTo(HaltPolicy.HALT);
            assertThat(d.onReject()).isEqualTo(HaltPolicy.CONTINUE);
        });
        PartnerConfig p = c.partners().get(0);
        assertThat(p.account().login()).isEqualTo("acme");
        assertThat(p.account().home()).isEqualTo(dir.resolve("data/partners/acme"));
        assertThat(p.results()).containsExactly(PartnerConfig.ResultKind.JSON);
        assertThat(c.validation().countMismatch()).isEqualTo(CountMismatchPolicy.REJECT);
    }

    @Test
    void theAnnotatedExampleUsesOnlyKeysTheLoaderKnows() throws Exception {
        Path example = org.hl7gw.testkit.Corpus.locate().root().getParent().resolve("examples/gateway.yaml");
        String yaml = Files.readString(example)
                .replace("{ env: GATEWAY_PGP_PASSPHRASE }", "{ file: ./keys/passphrase }")
                .replace("./keys/gateway-secret.asc", "./keys/gw-secret.asc")
                .replace("./partners/acme/signing-public.asc", "./keys/lab-public.asc")
                .replace("./partners/acme/authorized_keys", "./keys/authorized_keys")
                .replace("./partners/acme/password.hash", "./keys/password.hash")
                .replace("./keys/poller_ed25519", "./keys/acme")
                .replace("# retention:", "retention:").replace("#   keepFor: 90d", "  keepFor: 90d");
        Files.writeString(dir.resolve("keys/passphrase"), "unused\n");
        SelfSignedCertificate cert = SelfSignedCertificate.create(Files.createDirectories(dir.resolve("tls")));
        Files.move(cert.certificate(), dir.resolve("tls/server.crt"));
        Files.move(cert.privateKey(), dir.resolve("tls/server.key"));

        GatewayConfig c = loader.load(write(yaml));

        assertThat(c.sftp()).isPresent();
        assertThat(c.ftps()).isPresent();
        assertThat(c.pollers()).singleElement().satisfies(p -> {
            assertThat(p.schedule().zone()).hasToString("America/Chicago");
            assertThat(p.partner()).isEqualTo("acme-lab");
        });
        assertThat(c.retention()).get().satisfies(r -> assertThat(r.keepFor()).isEqualTo(java.time.Duration.ofDays(90)));
        assertThat(c.partners()).singleElement().satisfies(p -> {
            assertThat(p.results()).containsExactlyInAnyOrder(PartnerConfig.ResultKind.JSON, PartnerConfig.ResultKind.HL7_ACK);
            assertThat(p.opener().decrypts()).isTrue();
        });
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsKey() throws Exception {
        Path f = write("""
                dataDirr: ./data
                destinations:
                  - id: lis
                    url: mllp://127.0.0.1:2575
                    ackTimeout: fast
                    onFailure: explode
                partners:
                  - id: acme
                    authorizedKeys: ./keys/authorized_keys
                    destination: nowhere
                    pgp:
                      decryptionKeys: [./keys/gw-secret.asc]
                      signers: [./keys/missing.asc]
                    passwordHash: "$2y$10$inline"
                """);
        assertThatThrownBy(() -> loader.load(f)).isInstanceOfSatisfying(ConfigProblems.InvalidConfigurationException.class, e -> {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("dataDirr: unknown key (expected one of: dataDir, ledger, validation, servers, destinations, partners, pollers, retention)"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("destinations[0].ackTimeout: 'fast' is not a duration"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("destinations[0].onFailure: 'explode' is not one of continue, halt"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("partners[0].pgp.signers[0]: file not found: " + dir.resolve("keys/missing.asc")));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("partners[0].passwordHash: secrets are never written inline"));
        });
    }

    @Test
    void aPartnerPointingAtAnUnknownDestinationIsRefused() throws Exception {
        Path f = write(MINIMAL.replace("destination: lis", "destination: nowhere"));
        assertThatThrownBy(() -> loader.load(f)).hasMessageContaining("partners[0].destination: no destination with id 'nowhere'");
    }

    @Test
    void aSecretFromAMissingEnvironmentVariableIsRefused() throws Exception {
        Path f = write(MINIMAL + "    passwordHash: { env: HL7GW_NO_SUCH_VARIABLE }\n");
        assertThatThrownBy(() -> loader.load(f)).hasMessageContaining("partners[0].passwordHash.env: environment variable HL7GW_NO_SUCH_VARIABLE is not set");
    }

    @Test
    void runRefusesToStartOnABadConfigurationNamingTheKeyAndExitsTwo() throws Exception {
        Path f = write(MINIMAL.replace("url: mllp://127.0.0.1:2575", "url: http://127.0.0.1:2575"));
        Cli r = Cli.run("run", "--config", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("destinations[0].url");
        assertThat(Cli.run("run", "--config", write(MINIMAL).toString(), "--check").exitCode()).isZero();
    }
}
