package org.hl7gw.mllp.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.ack;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.ackFor;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.pause;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.mllp.ack.Ack;
import org.hl7gw.mllp.frame.EndOfData;
import org.hl7gw.mllp.frame.UnframeableMessageException;
import org.hl7gw.testkit.mllp.ScriptedMllpPeer;
import org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action;
import org.hl7gw.testkit.mllp.SyntheticMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MllpConnectionTest {
    private final SyntheticMessages messages = new SyntheticMessages(5);
    private ScriptedMllpPeer peer;
    private MllpConnector connector;

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private MllpConnector plain() {
        connector = new MllpConnector(new MllpEndpoint("127.0.0.1", peer.port(), false), Optional.empty(), Duration.ofSeconds(5), 64 * 1024,
                EndOfData.REQUIRED);
        return connector;
    }

    @Test
    void exchangesMessagesOneAfterAnotherOnOneConnection() {
        peer = ScriptedMllpPeer.start(m -> List.of(ack(AckCode.AA, "fine")));
        try (MllpConnection c = plain().connect()) {
            for (int i = 1; i <= 3; i++) {
                Ack ack = c.exchange(messages.adtA01("C-" + i, 500), ControlId.of("C-" + i), Duration.ofSeconds(5));
                assertThat(ack.code()).isEqualTo(AckCode.AA);
                assertThat(ack.acknowledgedControlId().value()).isEqualTo("C-" + i);
                assertThat(ack.textMessage()).isEqualTo("fine");
            }
            assertThat(c.protocol()).isEqualTo("TCP");
        }
        assertThat(peer.connectionCount()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void theAckTimeoutIsOneDeadlineForTheWholeExchangeHoweverManyStrayAcksArrive() {
        List<Action> strays = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            strays.add(ackFor("OTHER-" + i, AckCode.AA));
            strays.add(pause(Duration.ofMillis(50)));
        }
        peer = ScriptedMllpPeer.start(m -> strays);
        MllpConnection c = plain().connect();

        assertThatThrownBy(() -> c.exchange(messages.adtA01("X-1", 500), ControlId.of("X-1"), Duration.ofMillis(500)))
                .isInstanceOf(AckTimeoutException.class).hasMessageContaining("X-1");
        assertThat(c.isBroken()).isTrue();
    }

    @Test
    void aConnectionIsNeverUsedAgainAfterAFailedExchange() {
        peer = ScriptedMllpPeer.start(m -> List.of());
        MllpConnection c = plain().connect();
        assertThatThrownBy(() -> c.exchange(messages.adtA01("X-1", 500), ControlId.of("X-1"), Duration.ofMillis(200)))
                .isInstanceOf(AckTimeoutException.class);

        assertThatThrownBy(() -> c.exchange(messages.adtA01("X-2", 500), ControlId.of("X-2"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("broken");
        assertThat(peer.receivedControlIds()).containsExactly("X-1");
    }

    @Test
    void anUnframeableMessageIsRefusedBeforeAnythingIsSentAndTheConnectionStaysUsable() {
        peer = ScriptedMllpPeer.start(m -> List.of(ack(AckCode.AA)));
        try (MllpConnection c = plain().connect()) {
            byte[] bad = "MSH|^~\\&|A|B|C|D|2024||ADT^A01|B-1|P|2.5\rPID|1||\u000B\r".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> c.exchange(bad, ControlId.of("B-1"), Duration.ofSeconds(1))).isInstanceOf(UnframeableMessageException.class);
            assertThat(c.isBroken()).isFalse();
            assertThat(c.exchange(messages.adtA01("B-2", 500), ControlId.of("B-2"), Duration.ofSeconds(5)).code()).isEqualTo(AckCode.AA);
        }
        assertThat(peer.receivedControlIds()).containsExactly("B-2");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aTlsHandshakeWithAPeerThatNeverAnswersIsBoundedByTheConnectTimeout(@TempDir Path dir) throws Exception {
        peer = ScriptedMllpPeer.neverReading();
        Path ca = org.hl7gw.mllp.support.TestPki.create(dir).caPem();
        connector = new MllpConnector(new MllpEndpoint("127.0.0.1", peer.port(), true), Optional.of(TlsSettings.trusting(ca)),
                Duration.ofMillis(500), 64 * 1024, EndOfData.REQUIRED);

        assertThatThrownBy(connector::connect).isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("TLS handshake with mllps://127.0.0.1").hasMessageContaining("SocketTimeoutException");
    }

    @Test
    void abortFromAnotherThreadEndsAnExchangeWaitingForItsAck() throws Exception {
        peer = ScriptedMllpPeer.start(m -> List.of());
        MllpConnection c = plain().connect();
        Thread aborter = new Thread(() -> {
            try {
                while (peer.received().isEmpty()) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                return;
            }
            c.abort();
        });
        aborter.start();

        assertThatThrownBy(() -> c.exchange(messages.adtA01("A-1", 500), ControlId.of("A-1"), Duration.ofSeconds(30)))
                .isInstanceOf(ConnectionFailedException.class).hasMessageContaining("aborted").hasMessageContaining("A-1");
        aborter.join();
    }
}
