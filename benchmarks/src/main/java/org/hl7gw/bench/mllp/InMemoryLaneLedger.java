package org.hl7gw.bench.mllp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.MessageStatus;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.delivery.QueuePosition;
import org.hl7gw.core.delivery.Settlement;
import org.hl7gw.core.port.DeliveryJournal;
import org.hl7gw.core.port.DeliveryQueue;
import org.hl7gw.core.port.MessageBodies;

/**
 * The lane's ports at memory speed, for measuring the lane without the ledger: one file of messages, a
 * status array, counters instead of records. Not thread-safe beyond the lane's single thread.
 */
final class InMemoryLaneLedger implements DeliveryQueue, DeliveryJournal, MessageBodies {
    private final List<OutboundMessage> messages = new ArrayList<>();
    private final List<byte[]> bodies;
    private final MessageStatus[] status;
    private int firstPending;
    long attempts;
    long delivered;
    long notDelivered;

    InMemoryLaneLedger(List<byte[]> bodies, List<String> controlIds) {
        this.bodies = bodies;
        this.status = new MessageStatus[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            messages.add(new OutboundMessage(i + 1, 1, i + 1, ControlId.of(controlIds.get(i)), 0, bodies.get(i).length));
            status[i] = MessageStatus.PENDING;
        }
    }

    @Override
    public List<OutboundMessage> pending(String destination, QueuePosition after, int limit) {
        int from = after.fileId() < 1 ? 0 : after.fileId() > 1 ? messages.size() : after.seq();
        from = Math.max(from, firstPending);
        List<OutboundMessage> page = new ArrayList<>(limit);
        for (int i = from; i < messages.size() && page.size() < limit; i++) {
            if (status[i] == MessageStatus.PENDING) {
                page.add(messages.get(i));
            }
        }
        return page;
    }

    @Override
    public Optional<LaneHalt> halt(String destination) {
        return Optional.empty();
    }

    @Override
    public void attempt(AttemptRecord attempt) {
        attempts++;
    }

    @Override
    public void settle(Settlement settlement) {
        int i = (int) settlement.messageId() - 1;
        status[i] = settlement.status();
        if (settlement.status() == MessageStatus.DELIVERED) {
            delivered++;
        } else {
            notDelivered++;
        }
        while (firstPending < status.length && status[firstPending] != MessageStatus.PENDING) {
            firstPending++;
        }
    }

    @Override
    public void halt(LaneHalt halt) {
        throw new IllegalStateException("the benchmark lane halted: " + halt.reason());
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public byte[] body(OutboundMessage message) {
        return bodies.get((int) message.messageId() - 1);
    }
}
