package org.hl7gw.mllp.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.delivery.AttemptOutcome;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.delivery.QueuePosition;
import org.hl7gw.core.delivery.Settlement;
import org.hl7gw.core.port.DeliveryJournal;
import org.hl7gw.core.port.DeliveryQueue;
import org.hl7gw.core.port.MessageBodies;
import org.hl7gw.testkit.mllp.MllpBytes;

/**
 * The three ports a lane uses, in memory, recording everything. Like the real ledger, the journal is
 * buffered: settlements and attempts change what {@link #pending} returns only after {@link #flush()}.
 */
public final class InMemoryLedger implements DeliveryQueue, DeliveryJournal, MessageBodies {

    private record Stored(String destination, long messageId, long fileId, int seq, ControlId controlId, byte[] body) {
    }

    private final Map<Long, Stored> messages = new LinkedHashMap<>();
    private final Map<Long, MessageStatus> committedStatus = new LinkedHashMap<>();
    private final Map<Long, Integer> committedAttempts = new LinkedHashMap<>();
    private final List<AttemptRecord> attempts = new ArrayList<>();
    private final List<AttemptRecord> unflushedAttempts = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();
    private final List<Settlement> unflushedSettlements = new ArrayList<>();
    private final List<LaneHalt> halts = new ArrayList<>();
    private final Map<String, LaneHalt> currentHalts = new LinkedHashMap<>();
    private final Set<Long> unreadable = new HashSet<>();
    private final List<String> events = new ArrayList<>();
    private long nextMessageId = 1;
    private long nextFileId = 1;
    private int flushes;

    /** Adds a QUEUED file of messages for the destination; returns their message ids, in order. */
    public synchronized List<Long> addFile(String destination, List<byte[]> bodies) {
        long fileId = nextFileId++;
        List<Long> ids = new ArrayList<>();
        int seq = 1;
        for (byte[] body : bodies) {
            long id = nextMessageId++;
            messages.put(id, new Stored(destination, id, fileId, seq++, ControlId.of(MllpBytes.controlId(body)), body.clone()));
            committedStatus.put(id, MessageStatus.PENDING);
            committedAttempts.put(id, 0);
            ids.add(id);
        }
        return ids;
    }

    public synchronized void makeUnreadable(long messageId) {
        unreadable.add(messageId);
    }

    /** An operator's rerun: the message is PENDING again. */
    public synchronized void rerun(long messageId) {
        committedStatus.put(messageId, MessageStatus.PENDING);
        events.add("rerun " + messageId);
    }

    public synchronized void clearHalt(String destination) {
        currentHalts.remove(destination);
        events.add("clear halt");
    }

    public synchronized void recordHalt(LaneHalt halt) {
        currentHalts.put(halt.destination(), halt);
    }

    // ------------------------------------------------------------------------------------------- ports

    @Override
    public synchronized List<OutboundMessage> pending(String destination, QueuePosition after, int limit) {
        events.add("pending after " + after.fileId() + "/" + after.seq());
        return messages.values().stream()
                .filter(m -> m.destination().equals(destination))
                .filter(m -> committedStatus.get(m.messageId()) == MessageStatus.PENDING)
                .filter(m -> new QueuePosition(m.fileId(), m.seq()).isAfter(after))
                .sorted(Comparator.comparingLong(Stored::fileId).thenComparingInt(Stored::seq))
                .limit(limit)
                .map(m -> new OutboundMessage(m.messageId(), m.fileId(), m.seq(), m.controlId(), committedAttempts.get(m.messageId()), m.body().length))
                .toList();
    }

    @Override
    public synchronized Optional<LaneHalt> halt(String destination) {
        return Optional.ofNullable(currentHalts.get(destination));
    }

    @Override
    public synchronized void attempt(AttemptRecord attempt) {
        attempts.add(attempt);
        unflushedAttempts.add(attempt);
        events.add("attempt " + attempt.messageId() + " " + attempt.outcome());
    }

    @Override
    public synchronized void settle(Settlement settlement) {
        settlements.add(settlement);
        unflushedSettlements.add(settlement);
        events.add("settle " + settlement.messageId() + " " + settlement.status());
    }

    @Override
    public synchronized void halt(LaneHalt halt) {
        flush();
        halts.add(halt);
        currentHalts.put(halt.destination(), halt);
        events.add("halt " + halt.messageId());
    }

    @Override
    public synchronized void flush() {
        for (AttemptRecord a : unflushedAttempts) {
            committedAttempts.merge(a.messageId(), 1, Integer::sum);
        }
        for (Settlement s : unflushedSettlements) {
            committedStatus.put(s.messageId(), s.status());
        }
        unflushedAttempts.clear();
        unflushedSettlements.clear();
        flushes++;
        events.add("flush");
    }

    @Override
    public synchronized byte[] body(OutboundMessage message) throws IOException {
        if (unreadable.contains(message.messageId())) {
            throw new IOException("archive file for message " + message.messageId() + " is missing");
        }
        return messages.get(message.messageId()).body().clone();
    }

    // ------------------------------------------------------------------------------------------ queries

    /** Status as committed (after the last flush). */
    public synchronized MessageStatus status(long messageId) {
        return committedStatus.get(messageId);
    }

    public synchronized List<MessageStatus> statuses(List<Long> ids) {
        return ids.stream().map(committedStatus::get).toList();
    }

    public synchronized List<AttemptOutcome> outcomes(long messageId) {
        return attempts.stream().filter(a -> a.messageId() == messageId).map(AttemptRecord::outcome).toList();
    }

    public synchronized List<AttemptRecord> attempts(long messageId) {
        return attempts.stream().filter(a -> a.messageId() == messageId).toList();
    }

    public synchronized List<AttemptRecord> allAttempts() {
        return List.copyOf(attempts);
    }

    public synchronized List<Settlement> settlements() {
        return List.copyOf(settlements);
    }

    public synchronized Optional<Settlement> settlement(long messageId) {
        Settlement last = null;
        for (Settlement s : settlements) {
            if (s.messageId() == messageId) {
                last = s;
            }
        }
        return Optional.ofNullable(last);
    }

    public synchronized List<LaneHalt> halts() {
        return List.copyOf(halts);
    }

    public synchronized int flushes() {
        return flushes;
    }

    public synchronized boolean hasUnflushed() {
        return !unflushedAttempts.isEmpty() || !unflushedSettlements.isEmpty();
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public synchronized ControlId controlId(long messageId) {
        return messages.get(messageId).controlId();
    }
}
