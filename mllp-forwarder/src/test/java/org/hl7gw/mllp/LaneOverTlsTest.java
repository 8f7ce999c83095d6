package org.hl7gw.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.core.delivery.AttemptOutcome.CONNECTION_ERROR;
import static org.hl7gw.core.delivery.MessageStatus.DELIVERED;
import static org.hl7gw.core.delivery.MessageStatus.FAILED;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.mllp.connection.MllpEndpoint;
import org.hl7gw.mllp.connection.TlsSettings;
import org.hl7gw.mllp.support.LaneFixture;
import org.hl7gw.mllp.support.TestPki;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lane over TLS and mutual TLS to HAPI's MLLP server, with certificates made for the test. */
class LaneOverTlsTest {
    @TempDir
    static Path dir;
    private static TestPki pki;

    private final LaneFixture fixture = new LaneFixture();
    private HapiMllpPeer peer;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create(dir);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        if (peer != null) {
            peer.close();
        }
    }

    private Destination tls(String host, TlsSettings settings) {
        return Destination.of(LaneFixture.DESTINATION, new MllpEndpoint(host, peer.port(), true)).withTls(settings)
                .withAckTimeout(Duration.ofSeconds(5)).withConnectTimeout(Duration.ofSeconds(5))
                .withRetry(RetryPolicy.DEFAULT.withMaxAttempts(2));
    }

    private LaneReport deliver(Destination destination, List<Long> ids) {
        return fixture.lane(destination).drain();
    }

    @Test
    void deliversOverTlsTrustingAPemCertificate() {
        peer = HapiMllpPeer.startTls(pki.serverContext(), false, HapiMllpPeer.Script.always(AckCode.AA));
        List<Long> ids = fixture.queueFile("T", 3);

        LaneReport report = deliver(tls("127.0.0.1", TlsSettings.trusting(pki.caPem())), ids);

        assertThat(report.delivered()).isEqualTo(3);
        assertThat(fixture.ledger.statuses(ids)).containsOnly(DELIVERED);
        assertThat(peer.receivedControlIds()).containsExactly("T-1", "T-2", "T-3");
    }

    @Test
    void deliversOverTlsTrustingAPkcs12TruststoreToAHostName() {
        peer = HapiMllpPeer.startTls(pki.serverContext(), false, HapiMllpPeer.Script.always(AckCode.AA));
        List<Long> ids = fixture.queueFile("T", 2);

        LaneReport report = deliver(tls("localhost", TlsSettings.trusting(pki.truststoreP12()).withTruststorePassword(TestPki.TRUSTSTORE_PASSWORD)), ids);

        assertThat(report.delivered()).isEqualTo(2);
        assertThat(peer.receivedControlIds()).containsExactly("T-1", "T-2");
    }

    @Test
    void refusesAServerWhoseCertificateDoesNotNameTheHost() {
        peer = HapiMllpPeer.startTls(pki.wrongHostServerContext(), false, HapiMllpPeer.Script.always(AckCode.AA));
        List<Long> ids = fixture.queueFile("T", 2);

        LaneReport report = deliver(tls("127.0.0.1", TlsSettings.trusting(pki.caPem())), ids);

        assertThat(report.end()).isEqualTo(LaneReport.End.HALTED);
        assertThat(fixture.ledger.status(ids.get(0))).isEqualTo(FAILED);
        assertThat(fixture.ledger.attempts(ids.get(0))).hasSize(2).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(CONNECTION_ERROR);
            assertThat(a.detail()).contains("TLS handshake with mllps://127.0.0.1").contains("127.0.0.1 found");
        });
        assertThat(peer.receivedControlIds()).isEmpty();
    }

    @Test
    void acceptsThatServerWhenHostNameVerificationIsTurnedOff() {
        peer = HapiMllpPeer.startTls(pki.wrongHostServerContext(), false, HapiMllpPeer.Script.always(AckCode.AA));
        List<Long> ids = fixture.queueFile("T", 1);

        deliver(tls("127.0.0.1", TlsSettings.trusting(pki.caPem()).withHostnameVerification(false)), ids);

        assertThat(fixture.ledger.status(ids.get(0))).isEqualTo(DELIVERED);
    }

    @Test
    void refusesAServerWhoseCertificateIsNotTrusted() {
        peer = HapiMllpPeer.startTls(pki.untrustedServerContext(), false, HapiMllpPeer.Script.always(AckCode.AA));
        List<Long> ids = fixture.queueFile("T", 1);

        deliver(tls("127.0.0.1", TlsSettings.trusting(pki.caPem())), ids);

        assertThat(fixture.ledger.attempts(ids.get(0))).extracting(AttemptRecord::outcome).containsOnly(CONNECTION_ERROR);
        assertThat(fixture.ledger.attempts(ids.get(0)).get(0).detail()).contains("SSLHandshakeException").contains("PKIX");
        assertThat(peer.receivedControlIds()).isEmpty();
    }

    @Test
    void mutualTlsDeliversWithAClientCertificate() {
        peer = HapiMllpPeer.startTls(pki.serverContext(), true, HapiMllpPeer.Script.always(AckCode.AA));
        List<Long> ids = fixture.queueFile("M", 2);

        LaneReport report = deliver(tls("127.0.0.1", TlsSettings.trusting(pki.caPem()).withClientCertificate(pki.clientP12(), TestPki.CLIENT_PASSWORD)), ids);

        assertThat(report.delivered()).isEqualTo(2);
        assertThat(peer.receivedControlIds()).containsExactly("M-1", "M-2");
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() {
        peer = HapiMllpPeer.startTls(pki.serverContext(), true, HapiMllpPeer.Script.always(AckCode.AA));
        List<Long> ids = fixture.queueFile("M", 1);

        LaneReport report = deliver(tls("127.0.0.1", TlsSettings.trusting(pki.caPem())), ids);

        assertThat(report.end()).isEqualTo(LaneReport.End.HALTED);
        assertThat(fixture.ledger.status(ids.get(0))).isEqualTo(FAILED);
        assertThat(fixture.ledger.attempts(ids.get(0))).extracting(AttemptRecord::outcome).containsOnly(CONNECTION_ERROR);
        assertThat(peer.receivedControlIds()).isEmpty();
    }
}
