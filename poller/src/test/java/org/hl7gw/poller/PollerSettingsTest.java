package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.hl7gw.core.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollerSettingsTest {
    private static final String PIN = "SHA256:" + "A".repeat(43);

    @TempDir
    Path temp;

    private Path key() throws IOException {
        return Files.writeString(temp.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
    }

    @Test
    void fillsInTheDefaults() throws IOException {
        PollerSettings s = PollerSettings.builder("lab", "sftp://lab@Mainframe.Example/outbound/hl7/").hostKey(PIN)
                .credentials(Credentials.privateKey(key(), null)).build();

        assertThat(s.url().port()).isEqualTo(22);
        assertThat(s.location()).isEqualTo("sftp://mainframe.example:22/outbound/hl7");
        assertThat(s.selection()).isEqualTo(Selection.defaults());
        assertThat(s.maxFilesPerRun()).isEqualTo(100);
        assertThat(s.stability()).isEqualTo(new Stability.StableFor(Duration.ofSeconds(10), Duration.ofSeconds(60)));
        assertThat(s.afterAction()).isEqualTo(new AfterAction.Delete());
        assertThat(s.circuitBreaker()).isEqualTo(CircuitBreakerPolicy.defaults());
        assertThat(s.timeouts()).isEqualTo(Timeouts.defaults());
    }

    @Test
    void defaultsTheImplicitFtpsPortTo990AndPlainFtpTo21() {
        PollerSettings implicit = PollerSettings.builder("x", "ftp://u@host/in").tls("implicit").insecureTrustAnyCertificate(true)
                .credentials(Credentials.password("p".toCharArray())).build();
        PollerSettings plain = PollerSettings.builder("y", "ftp://u@host/in").credentials(Credentials.password("p".toCharArray())).build();

        assertThat(implicit.url().port()).isEqualTo(990);
        assertThat(plain.url().port()).isEqualTo(21);
    }

    @Test
    void twoPollersOfTheSameFolderShareItsLocationWhateverTheUser() {
        PollerSettings a = PollerSettings.builder("a", "sftp://alice@host:2222//data/./out/").insecureAcceptAnyHostKey(true)
                .credentials(Credentials.password("p".toCharArray())).build();
        PollerSettings b = PollerSettings.builder("b", "sftp://bob@HOST:2222/data/out").insecureAcceptAnyHostKey(true)
                .credentials(Credentials.password("p".toCharArray())).build();
        PollerSettings home = PollerSettings.builder("c", "sftp://bob@host:2222/~/out").insecureAcceptAnyHostKey(true)
                .credentials(Credentials.password("p".toCharArray())).build();

        assertThat(a.location()).isEqualTo(b.location()).isEqualTo("sftp://host:2222/data/out");
        assertThat(home.location()).as("a home folder depends on the login").isEqualTo("sftp://bob@host:2222/~/out");
        assertThat(home.url().folder()).isEqualTo("out");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sftp://host/out                | pollers.p.url         | needs a user",
            "sftp://u:hunter2@host/out      | pollers.p.url         | password in it",
            "http://u@host/out              | pollers.p.url         | not a location",
            "file://relative/path           | pollers.p.url         | not a local folder",
            "sftp://u@host:70000/out        | pollers.p.url         | out of range",
            "sftp://u@host/a/../etc         | pollers.p.url         | '..'",
    })
    void refusesABadUrlNamingTheField(String url, String key, String reason) {
        assertThatThrownBy(() -> PollerSettings.builder("p", url).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(reason)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void requiresAPinnedHostKeyForSftpUnlessInsecureModeIsChosen() throws IOException {
        Path key = key();
        assertThatThrownBy(() -> PollerSettings.builder("lab", "sftp://u@h/out").credentials(Credentials.privateKey(key, null)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.lab.hostKey"))
                .hasMessageContaining("ssh-keygen -lf");
        assertThatThrownBy(() -> PollerSettings.builder("lab", "sftp://u@h/out").hostKey("MD5:aa:bb").credentials(Credentials.privateKey(key, null)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.lab.hostKey"));
        assertThatThrownBy(() -> PollerSettings.builder("lab", "sftp://u@h/out").hostKey(PIN).insecureAcceptAnyHostKey(true)
                .credentials(Credentials.privateKey(key, null)).build())
                .hasMessageContaining("not both");
        assertThat(PollerSettings.builder("lab", "sftp://u@h/out").insecureAcceptAnyHostKey(true).credentials(Credentials.privateKey(key, null))
                .build().insecure()).isTrue();
    }

    @Test
    void requiresCredentialsThatFitTheProtocol() throws IOException {
        Path key = key();
        assertThatThrownBy(() -> PollerSettings.builder("s", "sftp://u@h/out").hostKey(PIN).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.s.credentials"));
        assertThatThrownBy(() -> PollerSettings.builder("s", "sftp://u@h/out").hostKey(PIN)
                .credentials(Credentials.privateKey(temp.resolve("missing_key"), null)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.s.privateKey"));
        assertThatThrownBy(() -> PollerSettings.builder("f", "ftp://u@h/out").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.f.password"));
        assertThatThrownBy(() -> PollerSettings.builder("f", "ftp://u@h/out").credentials(Credentials.privateKey(key, null).withPassword("p".toCharArray())).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.f.privateKey"));
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").credentials(Credentials.password("p".toCharArray())).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.l.credentials"));
    }

    @Test
    void requiresATruststoreForFtpsAndRefusesTlsSettingsElsewhere() throws IOException {
        Credentials pw = Credentials.password("p".toCharArray());
        assertThatThrownBy(() -> PollerSettings.builder("f", "ftp://u@h/out").tls("explicit").credentials(pw).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.f.truststore"))
                .hasMessageContaining("PEM or PKCS12");
        assertThatThrownBy(() -> PollerSettings.builder("f", "ftp://u@h/out").tls("explicit").truststore(temp.resolve("nope.pem")).credentials(pw).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.f.truststore"));
        assertThatThrownBy(() -> PollerSettings.builder("f", "ftp://u@h/out").tls("sometimes").credentials(pw).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.f.tls"));
        Path key = key();
        assertThatThrownBy(() -> PollerSettings.builder("s", "sftp://u@h/out").hostKey(PIN).tls("explicit").credentials(Credentials.privateKey(key, null)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.s.tls"));
        assertThatThrownBy(() -> PollerSettings.builder("f", "ftp://u@h/out").hostKey(PIN).credentials(pw).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.f.hostKey"));
    }

    @Test
    void checksTheRunSettings() {
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").maxFilesPerRun(0).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.l.maxFilesPerRun"));
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").afterAction("move:../outside").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.l.afterAction"));
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").afterAction("move:/abs").build())
                .hasMessageContaining("relative to the polled folder");
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").afterAction("archive").build())
                .hasMessageContaining("delete, leave or move:DIR");
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").doneMarker("done").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.l.doneMarker"));
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").include("[unclosed").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.l.include"));
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").stableFor(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.l.stableFor"));
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").circuitBreaker(0, Duration.ofMinutes(1), Duration.ofMinutes(1)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.l.circuitBreaker"));
        assertThatThrownBy(() -> PollerSettings.builder("l", "file:///in").readTimeout(Duration.ZERO).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.l.timeouts"));
        assertThatThrownBy(() -> PollerSettings.builder("no spaces", "file:///in").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("pollers.id"));
        assertThat(PollerSettings.builder("l", "file:///in").afterAction("move:done/2024/").build().afterAction())
                .isEqualTo(new AfterAction.Move("done/2024"));
    }

    @Test
    void neverShowsSecretsInToString() throws IOException {
        Credentials c = Credentials.privateKey(key(), "key phrase".toCharArray()).withPassword("hunter2".toCharArray());
        PollerSettings s = PollerSettings.builder("lab", "sftp://u@h/out").hostKey(PIN).credentials(c).build();

        assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("key phrase").contains("password=***");
    }

    @Test
    void theCircuitCoolDownDoublesFromTheNthFailureUpToTheMaximum() {
        CircuitBreakerPolicy p = new CircuitBreakerPolicy(3, Duration.ofMinutes(15), Duration.ofHours(1));

        assertThat(p.coolDownAfter(2)).isZero();
        assertThat(p.coolDownAfter(3)).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.coolDownAfter(4)).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.coolDownAfter(5)).isEqualTo(Duration.ofHours(1));
        assertThat(p.coolDownAfter(500)).isEqualTo(Duration.ofHours(1));
    }
}
