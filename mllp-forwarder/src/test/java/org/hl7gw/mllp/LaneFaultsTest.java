package org.hl7gw.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.core.delivery.AttemptOutcome.AA;
import static org.hl7gw.core.delivery.AttemptOutcome.AE;
import static org.hl7gw.core.delivery.AttemptOutcome.CONNECTION_ERROR;
import static org.hl7gw.core.delivery.AttemptOutcome.INVALID_ACK;
import static org.hl7gw.core.delivery.AttemptOutcome.TIMEOUT;
import static org.hl7gw.core.delivery.MessageStatus.DELIVERED;
import static org.hl7gw.core.delivery.MessageStatus.FAILED;
import static org.hl7gw.core.delivery.MessageStatus.PENDING;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.ack;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.ackFor;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.close;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.frame;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.pause;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.raw;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.mllp.support.LaneFixture;
import org.hl7gw.testkit.mllp.MllpBytes;
import org.hl7gw.testkit.mllp.ScriptedMllpPeer;
import org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A lane against a raw-socket peer that misbehaves on purpose. */
class LaneFaultsTest {
    private static final Duration SHORT_ACK_TIMEOUT = Duration.ofMillis(400);

    private final LaneFixture fixture = new LaneFixture();
    private ScriptedMllpPeer peer;

    @AfterEach
    void tearDown() {
        fixture.close();
        if (peer != null) {
            assertThat(peer.errors()).isEmpty();
            peer.close();
        }
    }

    private Destination destination() {
        return LaneFixture.plain(peer.port());
    }

    @Test
    void aStaleAckForAnEarlierControlIdIsDiscardedAndTheMessageWaitsForItsOwnAck() {
        peer = ScriptedMllpPeer.start(m -> m.controlId().equals("S-2") && m.occurrence() == 1
                ? List.of(ackFor("S-1", AckCode.AA), ackFor("S-1", AckCode.AR), ack(AckCode.AE))
                : List.of(ack(AckCode.AA)));
        List<Long> ids = fixture.queueFile("S", 3);

        fixture.lane(destination()).drain();

        assertThat(fixture.ledger.outcomes(ids.get(1))).as("neither stale AA nor stale AR was taken for S-2").containsExactly(AE, AA);
        assertThat(fixture.ledger.statuses(ids)).containsOnly(DELIVERED);
        assertThat(peer.receivedControlIds()).containsExactly("S-1", "S-2", "S-2", "S-3");
        assertThat(peer.connectionCount()).as("an AE does not break the connection").isEqualTo(1);
        int aeAttempt = fixture.ledger.events().indexOf("attempt 2 AE");
        int aaAttempt = fixture.ledger.events().indexOf("attempt 2 AA");
        int settled = fixture.ledger.events().indexOf("settle 2 DELIVERED");
        assertThat(aeAttempt).isLessThan(aaAttempt).isLessThan(settled).isNotNegative();
    }

    @Test
    void aStaleAckAloneIsNeverTakenAsTheAckAndTheExchangeTimesOut() {
        peer = ScriptedMllpPeer.start(m -> m.controlId().equals("S-2") && m.occurrence() == 1
                ? List.of(ackFor("S-1", AckCode.AA))
                : List.of(ack(AckCode.AA)));
        List<Long> ids = fixture.queueFile("S", 2);

        fixture.lane(destination().withAckTimeout(SHORT_ACK_TIMEOUT)).drain();

        assertThat(fixture.ledger.outcomes(ids.get(1))).containsExactly(TIMEOUT, AA);
        assertThat(peer.receivedControlIds()).containsExactly("S-1", "S-2", "S-2");
        assertThat(peer.connectionCount()).isEqualTo(2);
    }

    @Test
    void anAckArrivingAfterTheTimeoutIsNeverCreditedToALaterExchange() {
        peer = ScriptedMllpPeer.start(m -> m.controlId().equals("L-2") && m.occurrence() == 1
                ? List.of(pause(SHORT_ACK_TIMEOUT.plusMillis(300)), ack(AckCode.AA))
                : List.of(ack(AckCode.AA)));
        List<Long> ids = fixture.queueFile("L", 3);

        fixture.lane(destination().withAckTimeout(SHORT_ACK_TIMEOUT)).drain();

        assertThat(fixture.ledger.outcomes(ids.get(1))).containsExactly(TIMEOUT, AA);
        assertThat(fixture.ledger.outcomes(ids.get(2))).containsExactly(AA);
        assertThat(fixture.ledger.statuses(ids)).containsOnly(DELIVERED);
        assertThat(peer.receivedControlIds()).containsExactly("L-1", "L-2", "L-2", "L-3");
        assertThat(peer.connectionCount()).as("the timed-out connection is not reused").isEqualTo(2);
        assertThat(peer.received().get(2).connection()).isEqualTo(2);
    }

    @Test
    void withoutAnyAckEachAttemptTimesOutOnAFreshConnectionAndTheMessageFailsAndTheLaneHalts() {
        peer = ScriptedMllpPeer.start(m -> List.of());
        List<Long> ids = fixture.queueFile("N", 3);

        LaneReport report = fixture.lane(destination().withAckTimeout(SHORT_ACK_TIMEOUT).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(3))).drain();

        assertThat(fixture.ledger.outcomes(ids.get(0))).containsExactly(TIMEOUT, TIMEOUT, TIMEOUT);
        assertThat(fixture.ledger.attempts(ids.get(0)).get(0).detail()).isEqualTo("no ACK for control ID N-1 within the ACK timeout of 400ms");
        assertThat(fixture.ledger.statuses(ids)).containsExactly(FAILED, PENDING, PENDING);
        assertThat(fixture.ledger.settlement(ids.get(0)).orElseThrow().ackCode()).isNull();
        assertThat(report.end()).isEqualTo(LaneReport.End.HALTED);
        assertThat(report.haltReason()).contains("N-1").contains("FAILED after 3 attempts").contains("no ACK");
        assertThat(fixture.ledger.halts()).extracting(LaneHalt::messageId).containsExactly(ids.get(0));
        assertThat(peer.receivedControlIds()).containsExactly("N-1", "N-1", "N-1");
        assertThat(peer.connectionCount()).isEqualTo(3);
        assertThat(fixture.sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aDroppedConnectionIsReopenedAndTheMessageSentAgainAsARecordedAttempt() {
        peer = ScriptedMllpPeer.start(m -> m.controlId().equals("D-1") && m.occurrence() == 1 ? List.of(close()) : List.of(ack(AckCode.AA)));
        List<Long> ids = fixture.queueFile("D", 2);

        fixture.lane(destination()).drain();

        assertThat(fixture.ledger.outcomes(ids.get(0))).containsExactly(CONNECTION_ERROR, AA);
        assertThat(fixture.ledger.attempts(ids.get(0)).get(0).detail()).contains("closed by the peer");
        assertThat(fixture.ledger.statuses(ids)).containsOnly(DELIVERED);
        assertThat(peer.receivedControlIds()).containsExactly("D-1", "D-1", "D-2");
        assertThat(peer.connectionCount()).isEqualTo(2);
    }

    @Test
    void aConnectionThatAlwaysDropsIsTriedExactlyMaxAttemptsTimes() {
        peer = ScriptedMllpPeer.start(m -> List.of(close()));
        List<Long> ids = fixture.queueFile("D", 2);

        fixture.lane(destination().withRetry(RetryPolicy.DEFAULT.withMaxAttempts(4))).drain();

        assertThat(peer.receivedControlIds()).containsExactly("D-1", "D-1", "D-1", "D-1");
        assertThat(fixture.ledger.outcomes(ids.get(0))).containsOnly(CONNECTION_ERROR).hasSize(4);
        assertThat(fixture.ledger.statuses(ids)).containsExactly(FAILED, PENDING);
    }

    static Stream<Arguments> garbage() {
        byte[] oversized = new byte[8 * 1024];
        Arrays.fill(oversized, (byte) 'A');
        byte[] noEndOfData = ("\u000B" + MllpBytes.ack("AA", "G-1", "") + "\u001CX").getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("unframed text", raw("HELLO\r\n".getBytes(StandardCharsets.US_ASCII)), "BAD_FRAMING"),
                Arguments.of("a frame that is not HL7", frame("this is not HL7"), "NO_MSH"),
                Arguments.of("HL7 without MSA", frame("MSH|^~\\&|R|RF|S|SF|20240101||ACK|1|P|2.5\rERR|oops\r"), "NO_MSA"),
                Arguments.of("an unknown MSA-1", frame("MSH|^~\\&|R|RF|S|SF|20240101||ACK|1|P|2.5\rMSA|OK|G-1\r"), "UNKNOWN_CODE"),
                Arguments.of("END_OF_BLOCK without END_OF_DATA", raw(noEndOfData), "BAD_FRAMING"),
                Arguments.of("an oversized frame", raw(MllpBytes.frame(oversized)), "FRAME_TOO_LONG"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageInsteadOfAnAckIsAnInvalidAckAttemptThenTheMessageIsRetried(String what, Action garbage, String reason) {
        peer = ScriptedMllpPeer.start(m -> m.number() == 1 ? List.of(garbage) : List.of(ack(AckCode.AA)));
        List<Long> ids = fixture.queueFile("G", 2);

        fixture.lane(destination().withMaxFrameLength(4096)).drain();

        assertThat(fixture.ledger.outcomes(ids.get(0))).containsExactly(INVALID_ACK, AA);
        assertThat(fixture.ledger.attempts(ids.get(0)).get(0).detail()).contains(reason);
        assertThat(fixture.ledger.statuses(ids)).containsOnly(DELIVERED);
        assertThat(peer.receivedControlIds()).containsExactly("G-1", "G-1", "G-2");
    }

    @Test
    void aRefusedConnectionIsAConnectionErrorAttemptAndTheMessageFailsAndTheLaneHalts() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<Long> ids = fixture.queueFile("R", 2);

        LaneReport report = fixture.lane(LaneFixture.plain(port).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(3))).drain();

        assertThat(fixture.ledger.attempts(ids.get(0))).hasSize(3).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(CONNECTION_ERROR);
            assertThat(a.detail()).contains("connect to mllp://127.0.0.1:" + port).contains("ConnectException");
        });
        assertThat(fixture.ledger.statuses(ids)).containsExactly(FAILED, PENDING);
        assertThat(report.end()).isEqualTo(LaneReport.End.HALTED);
    }

    @Test
    void aHalfOpenPeerThatNeverReadsNorAnswersIsCaughtByTheAckTimeout() throws IOException {
        peer = ScriptedMllpPeer.neverReading();
        List<Long> ids = fixture.queueFile("H", 1);

        fixture.lane(destination().withAckTimeout(SHORT_ACK_TIMEOUT).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(2))).drain();

        assertThat(fixture.ledger.outcomes(ids.get(0))).containsExactly(TIMEOUT, TIMEOUT);
        assertThat(fixture.ledger.status(ids.get(0))).isEqualTo(FAILED);
    }

    @Test
    void aWriteThatBlocksBecauseThePeerNeverReadsEndsAtTheAckTimeout() throws IOException {
        peer = ScriptedMllpPeer.neverReading();
        String header = "MSH|^~\\&|HL7GW|GW|HIS|HOSP|20240101||ADT^A01^ADT_A01|BIG-1|P|2.5\rOBX|1|TX|NOTE||";
        byte[] big = new byte[16 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, big, 0, header.length());
        big[big.length - 1] = '\r';
        List<Long> ids = fixture.ledger.addFile(LaneFixture.DESTINATION, List.of(big));

        fixture.lane(destination().withAckTimeout(Duration.ofSeconds(1)).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(1))).drain();

        assertThat(fixture.ledger.attempts(ids.get(0))).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(TIMEOUT);
            assertThat(a.detail()).contains("did not take the message");
        });
    }

    @Test
    void attemptsRecordWhenTheyStartedAndHowLongTheyTook() {
        peer = ScriptedMllpPeer.start(m -> List.of(pause(Duration.ofMillis(50)), ack(AckCode.AA)));
        List<Long> ids = fixture.queueFile("T", 1);

        fixture.lane(destination()).drain();

        AttemptRecord a = fixture.ledger.attempts(ids.get(0)).get(0);
        assertThat(a.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(a.at()).isBefore(java.time.Instant.now());
        assertThat(a.fileId()).isEqualTo(1);
    }
}
