package org.hl7gw.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hl7gw.core.delivery.AttemptOutcome.AA;
import static org.hl7gw.core.delivery.AttemptOutcome.AE;
import static org.hl7gw.core.delivery.MessageStatus.DELIVERED;
import static org.hl7gw.core.delivery.MessageStatus.FAILED;
import static org.hl7gw.core.delivery.MessageStatus.PENDING;
import static org.hl7gw.core.delivery.MessageStatus.REJECTED;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.ack;
import static org.hl7gw.testkit.mllp.ScriptedMllpPeer.Action.pause;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.delivery.QueuePosition;
import org.hl7gw.mllp.support.LaneFixture;
import org.hl7gw.testkit.mllp.ScriptedMllpPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Starting, stopping, halting, resuming, waking and draining a lane. */
class LaneLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LaneFixture fixture = new LaneFixture();
    private ScriptedMllpPeer peer;

    @AfterEach
    void tearDown() {
        fixture.close();
        if (peer != null) {
            peer.close();
        }
    }

    private static ScriptedMllpPeer.Script acceptAll() {
        return m -> List.of(ack(AckCode.AA));
    }

    @Test
    void stopWhileAMessageIsInFlightLetsThatMessageFinishAndSendsNoMore() {
        peer = ScriptedMllpPeer.start(m -> m.controlId().equals("F-1") ? List.of(pause(Duration.ofMillis(700)), ack(AckCode.AA)) : List.of(ack(AckCode.AA)));
        List<Long> ids = fixture.queueFile("F", 3);
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()));
        lane.start();
        await().atMost(WAIT).until(() -> peer.received().size() == 1);

        boolean clean = lane.stop(Duration.ofSeconds(10));

        assertThat(clean).isTrue();
        assertThat(fixture.ledger.statuses(ids)).containsExactly(DELIVERED, PENDING, PENDING);
        assertThat(fixture.ledger.hasUnflushed()).isFalse();
        assertThat(peer.receivedControlIds()).containsExactly("F-1");
        assertThat(lane.status().state()).isEqualTo(LaneState.STOPPED);
        assertThat(lane.status().delivered()).isEqualTo(1);
    }

    @Test
    void stopCutsABackoffShortAndTheMessageStaysPending() {
        peer = ScriptedMllpPeer.start(m -> List.of(ack(AckCode.AE)));
        List<Long> ids = fixture.queueFile("B", 1);
        Destination d = LaneFixture.plain(peer.port()).withRetry(new RetryPolicy(5, Duration.ofHours(1), 2.0, Duration.ofHours(1)));
        Lane lane = fixture.lane(d, LaneOptions.defaults());
        lane.start();
        await().atMost(WAIT).until(() -> lane.status().state() == LaneState.BACKOFF);

        assertThat(lane.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(fixture.ledger.status(ids.get(0))).isEqualTo(PENDING);
        assertThat(fixture.ledger.outcomes(ids.get(0))).containsExactly(AE);
        assertThat(fixture.ledger.hasUnflushed()).isFalse();
        assertThat(lane.status().lastError()).contains("B-1").contains("AE");
    }

    @Test
    void resumeAfterAHaltSendsTheRerunMessageAndThenTheRest() {
        peer = ScriptedMllpPeer.start(m -> List.of(ack(m.controlId().equals("H-2") && m.occurrence() == 1 ? AckCode.AR : AckCode.AA)));
        List<Long> ids = fixture.queueFile("H", 4);
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()).withOnReject(HaltPolicy.HALT));
        lane.start();
        await().atMost(WAIT).until(() -> lane.status().state() == LaneState.HALTED);
        assertThat(fixture.ledger.statuses(ids)).containsExactly(DELIVERED, REJECTED, PENDING, PENDING);
        assertThat(lane.status().reason()).contains("H-2");

        fixture.ledger.rerun(ids.get(1));
        fixture.ledger.clearHalt(LaneFixture.DESTINATION);
        lane.resume();

        await().atMost(WAIT).until(() -> fixture.ledger.statuses(ids).stream().allMatch(s -> s == DELIVERED));
        assertThat(peer.receivedControlIds()).containsExactly("H-1", "H-2", "H-2", "H-3", "H-4");
    }

    @Test
    void aLaneStartsHaltedWhenTheLedgerRecordsAHaltAndResumeWaitsUntilTheLedgerClearsIt() {
        peer = ScriptedMllpPeer.start(acceptAll());
        List<Long> ids = fixture.queueFile("P", 2);
        fixture.ledger.recordHalt(new LaneHalt(LaneFixture.DESTINATION, Instant.now(), 9, 99, "message 3 of file 9 FAILED"));
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()));

        LaneReport first = lane.drain();
        lane.resume();
        LaneReport second = lane.drain();
        fixture.ledger.clearHalt(LaneFixture.DESTINATION);
        lane.resume();
        LaneReport third = lane.drain();

        assertThat(first.end()).isEqualTo(LaneReport.End.HALTED);
        assertThat(first.haltReason()).isEqualTo("message 3 of file 9 FAILED");
        assertThat(second.end()).as("the ledger still records the halt").isEqualTo(LaneReport.End.HALTED);
        assertThat(third).isEqualTo(new LaneReport(2, 0, 0, 2, LaneReport.End.QUEUE_EMPTY, null));
        assertThat(peer.receivedControlIds()).containsExactly("P-1", "P-2");
        assertThat(fixture.ledger.statuses(ids)).containsOnly(DELIVERED);
    }

    @Test
    void anUnreadableBodyFailsTheMessageWithoutSendingItAndAppliesTheFailurePolicy() {
        peer = ScriptedMllpPeer.start(acceptAll());
        List<Long> ids = fixture.queueFile("U", 3);
        fixture.ledger.makeUnreadable(ids.get(1));

        LaneReport report = fixture.lane(LaneFixture.plain(peer.port()).withOnFailure(HaltPolicy.CONTINUE)).drain();

        assertThat(report).isEqualTo(new LaneReport(2, 0, 1, 2, LaneReport.End.QUEUE_EMPTY, null));
        assertThat(fixture.ledger.statuses(ids)).containsExactly(DELIVERED, FAILED, DELIVERED);
        assertThat(fixture.ledger.outcomes(ids.get(1))).isEmpty();
        assertThat(fixture.ledger.settlement(ids.get(1)).orElseThrow().error()).startsWith("cannot read the message body: IOException");
        assertThat(peer.receivedControlIds()).containsExactly("U-1", "U-3");
    }

    @Test
    void anUnreadableBodyHaltsTheLaneUnderTheDefaultFailurePolicy() {
        peer = ScriptedMllpPeer.start(acceptAll());
        List<Long> ids = fixture.queueFile("U", 2);
        fixture.ledger.makeUnreadable(ids.get(0));

        LaneReport report = fixture.lane(LaneFixture.plain(peer.port())).drain();

        assertThat(report.end()).isEqualTo(LaneReport.End.HALTED);
        assertThat(report.haltReason()).contains("cannot read the message body");
        assertThat(fixture.ledger.statuses(ids)).containsExactly(FAILED, PENDING);
        assertThat(peer.receivedControlIds()).isEmpty();
    }

    @Test
    void aMessageContainingAFramingByteFailsWithoutBeingSent() {
        peer = ScriptedMllpPeer.start(acceptAll());
        byte[] bad = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|X-1|P|2.5\rPID|1||\u001C\r".getBytes(StandardCharsets.US_ASCII);
        List<Long> ids = fixture.ledger.addFile(LaneFixture.DESTINATION, List.of(bad, fixture.messages("X", 2).get(1)));

        fixture.lane(LaneFixture.plain(peer.port()).withOnFailure(HaltPolicy.CONTINUE)).drain();

        assertThat(fixture.ledger.statuses(ids)).containsExactly(FAILED, DELIVERED);
        assertThat(fixture.ledger.settlement(ids.get(0)).orElseThrow().error()).contains("0x1C");
        assertThat(peer.receivedControlIds()).containsExactly("X-2");
    }

    @Test
    void wakeDeliversNewMessagesWithoutWaitingForThePollInterval() {
        peer = ScriptedMllpPeer.start(acceptAll());
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()), LaneOptions.defaults().withPollInterval(Duration.ofHours(1)));
        lane.start();
        await().atMost(WAIT).until(() -> lane.status().state() == LaneState.IDLE
                && fixture.ledger.events().stream().filter(e -> e.startsWith("pending")).count() >= 1);

        List<Long> ids = fixture.queueFile("W", 2);
        lane.wake();

        await().atMost(WAIT).until(() -> fixture.ledger.statuses(ids).stream().allMatch(s -> s == DELIVERED));
        assertThat(peer.receivedControlIds()).containsExactly("W-1", "W-2");
    }

    @Test
    void theJournalIsFlushedBeforeTheQueueIsScannedFromTheStartAndAResetMessageIsFoundThere() {
        peer = ScriptedMllpPeer.start(acceptAll());
        List<Long> ids = fixture.queueFile("Z", 3);
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()));
        lane.drain();
        fixture.ledger.rerun(ids.get(0));

        LaneReport again = lane.drain();

        assertThat(again.delivered()).isEqualTo(1);
        assertThat(peer.receivedControlIds()).containsExactly("Z-1", "Z-2", "Z-3", "Z-1");
        List<String> events = fixture.ledger.events();
        int lastSettle = events.lastIndexOf("settle " + ids.get(2) + " DELIVERED");
        int firstScanFromStart = -1;
        for (int i = lastSettle; i < events.size(); i++) {
            if (events.get(i).equals("pending after 0/0")) {
                firstScanFromStart = i;
                break;
            }
        }
        assertThat(firstScanFromStart).isGreaterThan(lastSettle);
        assertThat(events.subList(lastSettle, firstScanFromStart)).contains("flush");
    }

    @Test
    void pagesAreFollowedAcrossFilesInOrder() {
        peer = ScriptedMllpPeer.start(acceptAll());
        List<Long> ids = new ArrayList<>(fixture.queueFile("A", 3));
        ids.addAll(fixture.queueFile("B", 4));
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()),
                LaneOptions.defaults().withPageSize(2).withSleeper(fixture.sleeper));

        lane.drain();

        assertThat(peer.receivedControlIds()).containsExactly("A-1", "A-2", "A-3", "B-1", "B-2", "B-3", "B-4");
        assertThat(fixture.ledger.events()).contains("pending after 1/2", "pending after 2/1", "pending after 2/3");
        assertThat(lane.status().position()).isEqualTo(new QueuePosition(0, 0));
    }

    @Test
    void anErrorOfTheLedgerStopsTheLaneWithTheReason() {
        peer = ScriptedMllpPeer.start(acceptAll());
        fixture.queueFile("E", 2);
        Lane lane = new Lane(LaneFixture.plain(peer.port()), new org.hl7gw.core.port.DeliveryQueue() {
            @Override
            public List<OutboundMessage> pending(String destination, QueuePosition after, int limit) {
                throw new IllegalStateException("database is down");
            }

            @Override
            public java.util.Optional<LaneHalt> halt(String destination) {
                return java.util.Optional.empty();
            }
        }, fixture.ledger, fixture.ledger, LaneOptions.defaults());

        lane.start();

        await().atMost(WAIT).until(() -> lane.status().state() == LaneState.STOPPED);
        assertThat(lane.status().reason()).contains("database is down");
        assertThat(peer.receivedControlIds()).isEmpty();
        assertThatThrownBy(lane::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void drainRefusesToRunWhileTheLaneRunsInItsThread() {
        peer = ScriptedMllpPeer.start(acceptAll());
        Lane lane = fixture.lane(LaneFixture.plain(peer.port()));
        lane.start();
        assertThatThrownBy(lane::drain).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lane::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void logsNeverContainMessageContentAndInfoLogsNeverContainReceiverText() {
        peer = ScriptedMllpPeer.start(m -> switch (m.controlId()) {
            case "Q-1" -> List.of(ack(m.occurrence() == 1 ? AckCode.AE : AckCode.AA, "RECEIVERTEXT one"));
            case "Q-2" -> List.of(ack(AckCode.AR, "RECEIVERTEXT two"));
            default -> List.of(ack(AckCode.AA));
        });
        String marker = "PHIMARKER";
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] b : fixture.messages("Q", 3)) {
            bodies.add(new String(b, StandardCharsets.US_ASCII).replace("PID|1||", "PID|1||" + marker).getBytes(StandardCharsets.US_ASCII));
        }
        fixture.ledger.addFile(LaneFixture.DESTINATION, bodies);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("org.hl7gw");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.TRACE);
        try {
            fixture.lane(LaneFixture.plain(peer.port())).drain();
        } finally {
            root.detachAppender(appender);
            ours.setLevel(before);
        }

        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(marker);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContainIgnoringCase(marker);
            }
            if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
                assertThat(e.getFormattedMessage()).doesNotContain("RECEIVERTEXT");
            }
        });
        assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("Q-2").contains("REJECTED"));
    }
}
