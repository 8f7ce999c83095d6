package org.hl7gw.poller;

import java.util.HashMap;
import java.util.Map;

import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.core.poll.PollerStatusStore;

/** Poller status for tests. */
final class InMemoryStatusStore implements PollerStatusStore {
    private final Map<String, PollerStatus> statuses = new HashMap<>();

    @Override
    public synchronized PollerStatus status(String pollerId) {
        return statuses.getOrDefault(pollerId, PollerStatus.never(pollerId));
    }

    @Override
    public synchronized void save(PollerStatus status) {
        statuses.put(status.pollerId(), status);
    }
}
