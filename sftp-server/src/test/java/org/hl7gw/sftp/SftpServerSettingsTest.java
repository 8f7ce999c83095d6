package org.hl7gw.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SftpServerSettingsTest {
    private static final List<Path> KEYS = List.of(Path.of("/etc/hl7gw/ssh_host_ed25519_key"));

    @Test
    void defaultsAreSafeForProduction() {
        SftpServerSettings s = SftpServerSettings.of("0.0.0.0", 2222, KEYS);

        assertThat(s.failedLoginDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.maxAuthAttempts()).isEqualTo(6);
        assertThat(s.authTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.maxSessionsPerLogin()).isEqualTo(4);
    }

    @Test
    void portZeroMeansAnyFreePort() {
        assertThat(SftpServerSettings.of("127.0.0.1", 0, KEYS).port()).isZero();
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        SftpServerSettings ok = SftpServerSettings.of("127.0.0.1", 0, KEYS);

        assertThatThrownBy(() -> SftpServerSettings.of(" ", 22, KEYS)).hasMessageContaining("bind address");
        assertThatThrownBy(() -> SftpServerSettings.of("127.0.0.1", 65_536, KEYS)).hasMessageContaining("port");
        assertThatThrownBy(() -> SftpServerSettings.of("127.0.0.1", -1, KEYS)).hasMessageContaining("port");
        assertThatThrownBy(() -> SftpServerSettings.of("127.0.0.1", 22, List.of())).hasMessageContaining("host key");
        assertThatThrownBy(() -> ok.withHostKeys(List.of(Path.of("/k"), Path.of("/x/../k"))))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ok.withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("idle timeout");
        assertThatThrownBy(() -> ok.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .hasMessageContaining("auth timeout");
        assertThatThrownBy(() -> ok.withLoginLimits(0, Duration.ZERO)).hasMessageContaining("max auth attempts");
        assertThatThrownBy(() -> ok.withLoginLimits(3, Duration.ofMinutes(2))).hasMessageContaining("failed-login delay");
        assertThatThrownBy(() -> ok.withLoginLimits(3, Duration.ofMillis(-1))).hasMessageContaining("failed-login delay");
        assertThatThrownBy(() -> ok.withMaxSessionsPerLogin(0)).hasMessageContaining("max sessions per login");
    }

    @Test
    void noDelayIsAllowedForThoseWhoWantIt() {
        assertThat(SftpServerSettings.of("127.0.0.1", 0, KEYS).withLoginLimits(3, Duration.ZERO).failedLoginDelay())
                .isZero();
    }
}
