package org.hl7gw.ftps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtpsServerSettingsTest {
    private static final Path CERT = Path.of("/etc/hl7gw/cert.pem");
    private static final Path KEY = Path.of("/etc/hl7gw/key.pem");

    private static FtpsServerSettings base() {
        return FtpsServerSettings.of("0.0.0.0", 21, TlsMode.EXPLICIT, CERT, KEY);
    }

    @Test
    void defaultsOfferBothTlsVersionsAndAnyPassivePort() {
        FtpsServerSettings s = base();
        assertThat(s.protocols()).containsExactlyInAnyOrder(TlsProtocol.TLS_1_3, TlsProtocol.TLS_1_2);
        assertThat(s.passivePorts()).isEqualTo(PassivePorts.ANY);
        assertThat(s.idleTimeoutSeconds()).isEqualTo(300);
    }

    @Test
    void invalidValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> FtpsServerSettings.of("0.0.0.0", 70000, TlsMode.EXPLICIT, CERT, KEY)).hasMessageContaining("port");
        assertThatThrownBy(() -> FtpsServerSettings.of(" ", 21, TlsMode.EXPLICIT, CERT, KEY)).hasMessageContaining("bindAddress");
        assertThatThrownBy(() -> base().withProtocols(Set.of())).hasMessageContaining("protocols");
        assertThatThrownBy(() -> base().withIdleTimeout(Duration.ofMillis(10))).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> base().withMaxLogins(0)).hasMessageContaining("maxLogins");
        assertThatThrownBy(() -> base().withFailedLoginDelay(Duration.ofSeconds(-1))).hasMessageContaining("failedLoginDelay");
        assertThatThrownBy(() -> base().withFailedLoginDelay(Duration.ofMinutes(2))).hasMessageContaining("failedLoginDelay");
    }

    @Test
    void idleTimeoutIsRoundedUpToWholeSeconds() {
        assertThat(base().withIdleTimeout(Duration.ofMillis(1500)).idleTimeoutSeconds()).isEqualTo(2);
    }

    @Test
    void protocolsAreCopied() {
        EnumSet<TlsProtocol> mine = EnumSet.of(TlsProtocol.TLS_1_2);
        FtpsServerSettings s = base().withProtocols(mine);
        mine.add(TlsProtocol.TLS_1_3);
        assertThat(s.protocols()).containsExactly(TlsProtocol.TLS_1_2);
        assertThat(TlsProtocol.parse("TLSv1.3")).isEqualTo(TlsProtocol.TLS_1_3);
        assertThat(TlsProtocol.parse("1.2")).isEqualTo(TlsProtocol.TLS_1_2);
        assertThatThrownBy(() -> TlsProtocol.parse("TLSv1.1")).hasMessageContaining("TLSv1.1");
    }

    @Test
    void passivePortsParse() {
        assertThat(PassivePorts.parse("0")).isEqualTo(PassivePorts.ANY);
        assertThat(PassivePorts.parse("30000-30010")).isEqualTo(new PassivePorts(30000, 30010));
        assertThat(PassivePorts.parse(" 30000 - 30010 ").size()).isEqualTo(11);
        assertThat(PassivePorts.parse("30000").asRange()).isEqualTo("30000-30000");
        assertThat(PassivePorts.ANY.asRange()).isEqualTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "30010-30000", "80-90", "30000-70000", "0-30000", "30000-"})
    void badPassivePortRangesAreRefused(String text) {
        assertThatThrownBy(() -> PassivePorts.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
