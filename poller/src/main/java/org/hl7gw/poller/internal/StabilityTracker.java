package org.hl7gw.poller.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A poller's memory of the size and time it last saw for each candidate file, and since when it has seen them
 * unchanged. It lives as long as the poller object (it is not persisted: after a restart, files simply get
 * their second look a run later) and holds only the files of the latest listing, so it stays as small as the
 * folder.
 */
public final class StabilityTracker {
    private record Look(long size, Instant modified, Instant unchangedSince) {
    }

    private Map<String, Look> looks = new HashMap<>();

    /** Whether the file has been seen with this size and time for at least {@code stableFor} until {@code now}. */
    public synchronized boolean stable(RemoteEntry entry, Instant now, Duration stableFor) {
        if (stableFor.isZero()) {
            return true;
        }
        Look look = looks.get(entry.path());
        return look != null && look.size == entry.size() && look.modified.equals(entry.modified())
                && !look.unchangedSince.plus(stableFor).isAfter(now);
    }

    /**
     * Records what a listing at {@code now} saw: unchanged files keep the time since which they are unchanged,
     * changed and new ones start from {@code now}; files not in the listing are forgotten.
     */
    public synchronized void remember(Collection<RemoteEntry> seen, Instant now) {
        Map<String, Look> next = new HashMap<>(seen.size() * 2);
        for (RemoteEntry e : seen) {
            Look previous = looks.get(e.path());
            boolean unchanged = previous != null && previous.size == e.size() && previous.modified.equals(e.modified());
            next.put(e.path(), new Look(e.size(), e.modified(), unchanged ? previous.unchangedSince : now));
        }
        looks = next;
    }
}
