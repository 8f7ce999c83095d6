package org.hl7gw.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.core.delivery.AttemptOutcome.AA;
import static org.hl7gw.core.delivery.AttemptOutcome.AE;
import static org.hl7gw.core.delivery.AttemptOutcome.AR;
import static org.hl7gw.core.delivery.AttemptOutcome.CA;
import static org.hl7gw.core.delivery.AttemptOutcome.CE;
import static org.hl7gw.core.delivery.AttemptOutcome.CR;
import static org.hl7gw.core.delivery.MessageStatus.DELIVERED;
import static org.hl7gw.core.delivery.MessageStatus.FAILED;
import static org.hl7gw.core.delivery.MessageStatus.PENDING;
import static org.hl7gw.core.delivery.MessageStatus.REJECTED;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.Settlement;
import org.hl7gw.mllp.support.LaneFixture;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.hl7gw.testkit.mllp.HapiMllpPeer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lane against HAPI's own MLLP server, a real receiver answering with the ACKs HAPI generates. */
class LaneAgainstHapiPeerTest {
    private final LaneFixture fixture = new LaneFixture();
    private HapiMllpPeer peer;

    @AfterEach
    void tearDown() {
        fixture.close();
        if (peer != null) {
            peer.close();
        }
    }

    private static List<String> ids(String prefix, int... n) {
        List<String> ids = new ArrayList<>();
        for (int i : n) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    @Test
    void everyMessageIsDeliveredInOrderAndThePeerReceivesExactlyTheControlIdsInOrder() {
        peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA));
        List<byte[]> first = fixture.messages("A", 4);
        List<Long> all = new ArrayList<>(fixture.ledger.addFile(LaneFixture.DESTINATION, first));
        all.addAll(fixture.queueFile("B", 1));
        all.addAll(fixture.queueFile("C", 5));

        LaneReport report = fixture.lane(LaneFixture.plain(peer.port())).drain();

        assertThat(report).isEqualTo(new LaneReport(10, 0, 0, 10, LaneReport.End.QUEUE_EMPTY, null));
        assertThat(fixture.ledger.statuses(all)).containsOnly(DELIVERED);
        List<String> expected = Stream.of(ids("A", 1, 2, 3, 4), ids("B", 1), ids("C", 1, 2, 3, 4, 5)).flatMap(List::stream).toList();
        assertThat(peer.receivedControlIds()).containsExactlyElementsOf(expected);
        assertThat(peer.receivedMessages().get(0).replace("\r\n", "\r")).isEqualTo(new String(first.get(0), StandardCharsets.US_ASCII));
        assertThat(fixture.ledger.settlements()).extracting(Settlement::messageId).containsExactlyElementsOf(all);
        assertThat(fixture.ledger.settlements()).allSatisfy(s -> {
            assertThat(s.attempts()).isEqualTo(1);
            assertThat(s.ackCode()).isEqualTo(AckCode.AA);
            assertThat(s.error()).isNull();
        });
        assertThat(fixture.ledger.allAttempts()).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(AA);
            assertThat(a.number()).isEqualTo(1);
            assertThat(a.latency()).isPositive();
        });
        assertThat(fixture.ledger.hasUnflushed()).isFalse();
    }

    @Test
    void anApplicationErrorIsRetriedAfterABackoffAndTheMessageIsThenDelivered() {
        peer = HapiMllpPeer.start(m -> Reply.of(m.controlId().equals("A-2") && m.occurrence() == 1 ? AckCode.AE : AckCode.AA));
        List<Long> ids = fixture.queueFile("A", 3);

        LaneReport report = fixture.lane(LaneFixture.plain(peer.port())).drain();

        assertThat(report.delivered()).isEqualTo(3);
        assertThat(report.attempts()).isEqualTo(4);
        assertThat(fixture.ledger.outcomes(ids.get(1))).containsExactly(AE, AA);
        assertThat(fixture.ledger.attempts(ids.get(1))).extracting(AttemptRecord::number).containsExactly(1, 2);
        assertThat(fixture.ledger.attempts(ids.get(1)).get(0).detail()).startsWith("AE");
        assertThat(fixture.ledger.settlement(ids.get(1))).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(DELIVERED);
            assertThat(s.attempts()).isEqualTo(2);
        });
        assertThat(fixture.sleeper.waits()).containsExactly(Duration.ofSeconds(1));
        assertThat(peer.receivedControlIds()).containsExactlyElementsOf(ids("A", 1, 2, 2, 3));
    }

    @Test
    void aRejectSettlesAtOnceWithoutRetryAndTheNextMessageContinues() {
        peer = HapiMllpPeer.start(m -> Reply.of(m.controlId().equals("A-2") ? AckCode.AR : AckCode.AA));
        List<Long> ids = fixture.queueFile("A", 3);

        LaneReport report = fixture.lane(LaneFixture.plain(peer.port())).drain();

        assertThat(report).isEqualTo(new LaneReport(2, 1, 0, 3, LaneReport.End.QUEUE_EMPTY, null));
        assertThat(fixture.ledger.statuses(ids)).containsExactly(DELIVERED, REJECTED, DELIVERED);
        assertThat(fixture.ledger.outcomes(ids.get(1))).containsExactly(AR);
        assertThat(fixture.ledger.settlement(ids.get(1))).hasValueSatisfying(s -> {
            assertThat(s.ackCode()).isEqualTo(AckCode.AR);
            assertThat(s.error()).startsWith("AR");
        });
        assertThat(fixture.sleeper.waits()).isEmpty();
        assertThat(peer.receivedControlIds()).containsExactlyElementsOf(ids("A", 1, 2, 3));
    }

    @Test
    void aRejectWithTheHaltPolicyHaltsTheLaneAndLeavesTheRestUntouched() {
        peer = HapiMllpPeer.start(m -> Reply.of(m.controlId().equals("A-2") ? AckCode.AR : AckCode.AA));
        List<Long> ids = fixture.queueFile("A", 5);
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()).withOnReject(HaltPolicy.HALT));

        LaneReport report = lane.drain();

        assertThat(report.end()).isEqualTo(LaneReport.End.HALTED);
        assertThat(report.haltReason()).contains("control ID A-2").contains("REJECTED").contains("AR");
        assertThat(fixture.ledger.statuses(ids)).containsExactly(DELIVERED, REJECTED, PENDING, PENDING, PENDING);
        assertThat(fixture.ledger.halts()).singleElement().satisfies(h -> {
            assertThat(h.destination()).isEqualTo(LaneFixture.DESTINATION);
            assertThat(h.messageId()).isEqualTo(ids.get(1));
            assertThat(h.reason()).isEqualTo(report.haltReason());
        });
        assertThat(peer.receivedControlIds()).containsExactlyElementsOf(ids("A", 1, 2));
        assertThat(lane.status().state()).isEqualTo(LaneState.HALTED);
        assertThat(lane.status().reason()).isEqualTo(report.haltReason());
    }

    @Test
    void enhancedModeCommitAcceptDeliversCommitErrorRetriesAndCommitRejectRejects() {
        peer = HapiMllpPeer.start(m -> switch (m.controlId()) {
            case "E-2" -> Reply.of(m.occurrence() == 1 ? AckCode.CE : AckCode.CA);
            case "E-3" -> Reply.of(AckCode.CR);
            default -> Reply.of(AckCode.CA);
        });
        List<Long> ids = fixture.queueFile("E", 4);

        fixture.lane(LaneFixture.plain(peer.port())).drain();

        assertThat(fixture.ledger.statuses(ids)).containsExactly(DELIVERED, DELIVERED, REJECTED, DELIVERED);
        assertThat(fixture.ledger.outcomes(ids.get(0))).containsExactly(CA);
        assertThat(fixture.ledger.outcomes(ids.get(1))).containsExactly(CE, CA);
        assertThat(fixture.ledger.outcomes(ids.get(2))).containsExactly(CR);
        assertThat(fixture.ledger.settlement(ids.get(2)).orElseThrow().ackCode()).isEqualTo(AckCode.CR);
    }

    @Test
    void repeatedErrorsFailTheMessageAfterMaxAttemptsAndTheDefaultPolicyHalts() {
        peer = HapiMllpPeer.start(m -> Reply.of(m.controlId().equals("A-1") ? AckCode.AE : AckCode.AA));
        List<Long> ids = fixture.queueFile("A", 3);
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(3)));

        LaneReport report = lane.drain();

        assertThat(report.end()).isEqualTo(LaneReport.End.HALTED);
        assertThat(fixture.ledger.statuses(ids)).containsExactly(FAILED, PENDING, PENDING);
        assertThat(fixture.ledger.outcomes(ids.get(0))).containsExactly(AE, AE, AE);
        assertThat(fixture.ledger.settlement(ids.get(0))).hasValueSatisfying(s -> {
            assertThat(s.ackCode()).isEqualTo(AckCode.AE);
            assertThat(s.attempts()).isEqualTo(3);
            assertThat(s.error()).contains("3 attempts");
        });
        assertThat(fixture.sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(fixture.ledger.halts()).extracting(LaneHalt::messageId).containsExactly(ids.get(0));
        assertThat(peer.receivedControlIds()).containsExactlyElementsOf(ids("A", 1, 1, 1));
    }

    @Test
    void aFailureWithTheContinuePolicyGoesOnWithTheNextMessage() {
        peer = HapiMllpPeer.start(m -> Reply.of(m.controlId().equals("A-1") ? AckCode.AE : AckCode.AA));
        List<Long> ids = fixture.queueFile("A", 2);
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(2)).withOnFailure(HaltPolicy.CONTINUE));

        LaneReport report = lane.drain();

        assertThat(report).isEqualTo(new LaneReport(1, 0, 1, 3, LaneReport.End.QUEUE_EMPTY, null));
        assertThat(fixture.ledger.statuses(ids)).containsExactly(FAILED, DELIVERED);
        assertThat(fixture.ledger.halts()).isEmpty();
    }

    @Test
    void earlierAttemptsOfAMessageCountInItsAttemptNumbers() {
        peer = HapiMllpPeer.start(m -> Reply.of(m.occurrence() == 1 ? AckCode.AE : AckCode.AA));
        List<Long> ids = fixture.queueFile("A", 1);
        Lane first = fixture.lane(LaneFixture.plain(peer.port()).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(1)).withOnFailure(HaltPolicy.CONTINUE));
        first.drain();
        fixture.ledger.rerun(ids.get(0));

        fixture.lane(LaneFixture.plain(peer.port())).drain();

        assertThat(fixture.ledger.attempts(ids.get(0))).extracting(AttemptRecord::number).containsExactly(1, 2);
        assertThat(fixture.ledger.settlement(ids.get(0)).orElseThrow().attempts()).isEqualTo(2);
        assertThat(fixture.ledger.status(ids.get(0))).isEqualTo(DELIVERED);
    }
}
