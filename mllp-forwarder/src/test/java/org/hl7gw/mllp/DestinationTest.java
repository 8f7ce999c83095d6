package org.hl7gw.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.hl7gw.mllp.connection.MllpEndpoint;
import org.hl7gw.mllp.connection.TlsSettings;
import org.hl7gw.mllp.frame.EndOfData;
import org.junit.jupiter.api.Test;

class DestinationTest {
    private static final MllpEndpoint PLAIN = MllpEndpoint.parse("mllp://his:2575");
    private static final MllpEndpoint TLS = MllpEndpoint.parse("mllps://his:2575");

    @Test
    void hasTheDocumentedDefaults() {
        Destination d = Destination.of("his-adt", PLAIN);
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.ackTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(d.onReject()).isEqualTo(HaltPolicy.CONTINUE);
        assertThat(d.onFailure()).isEqualTo(HaltPolicy.HALT);
        assertThat(d.maxFrameLength()).isEqualTo(1024 * 1024);
        assertThat(d.endOfData()).isEqualTo(EndOfData.REQUIRED);
        assertThat(d.tls()).isEmpty();
    }

    @Test
    void refusesTlsSettingsForAPlainEndpoint() {
        TlsSettings tls = TlsSettings.trusting(Path.of("ca.pem"));
        assertThat(Destination.of("a", TLS).withTls(tls).tls()).contains(tls);
        assertThatThrownBy(() -> Destination.of("a", PLAIN).withTls(tls)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mllps://");
    }

    @Test
    void refusesBadIdsTimeoutsAndFrameLimits() {
        assertThatThrownBy(() -> Destination.of("", PLAIN)).hasMessageContaining("destination id");
        assertThatThrownBy(() -> Destination.of("his adt", PLAIN)).hasMessageContaining("destination id");
        assertThatThrownBy(() -> Destination.of("-x", PLAIN)).hasMessageContaining("destination id");
        assertThatThrownBy(() -> Destination.of("a", PLAIN).withAckTimeout(Duration.ZERO)).hasMessageContaining("ackTimeout");
        assertThatThrownBy(() -> Destination.of("a", PLAIN).withConnectTimeout(Duration.ofHours(2))).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> Destination.of("a", PLAIN).withMaxFrameLength(10)).hasMessageContaining("maxFrameLength");
    }

    @Test
    void tlsSettingsNeverPrintPasswords() {
        TlsSettings tls = TlsSettings.trusting(Path.of("t.p12")).withTruststorePassword("hunter2".toCharArray())
                .withClientCertificate(Path.of("c.p12"), "swordfish".toCharArray());
        assertThat(tls.toString()).doesNotContain("hunter2").doesNotContain("swordfish").contains("t.p12").contains("c.p12");
        assertThat(Destination.of("a", TLS).withTls(tls).toString()).doesNotContain("hunter2").doesNotContain("swordfish");
    }
}
