package org.hl7gw.poller;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.hl7gw.core.Sha256;
import org.hl7gw.core.poll.PollClaims;
import org.hl7gw.core.poll.RemoteFile;

/**
 * Claims for tests, shared by pollers like the real table: a claim is granted atomically (one lock) to the
 * first poller; a claimed or taken file is not granted again. Counts how often each file was marked taken.
 */
final class InMemoryPollClaims implements PollClaims {
    private enum State { CLAIMED, TAKEN }

    private record Entry(State state, Claim claim, long fileId) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<RemoteFile, Entry> entries = new HashMap<>();
    private final Map<RemoteFile, Integer> takenCount = new HashMap<>();

    @Override
    public synchronized Optional<Claim> claim(String pollerId, RemoteFile file) {
        if (entries.containsKey(file)) {
            return Optional.empty();
        }
        Claim claim = new Claim(ids.incrementAndGet(), pollerId, file);
        entries.put(file, new Entry(State.CLAIMED, claim, 0));
        return Optional.of(claim);
    }

    @Override
    public synchronized void taken(Claim claim, Sha256 sha256, long fileId) {
        Entry e = entries.get(claim.file());
        if (e == null || e.claim().id() != claim.id() || e.state() != State.CLAIMED) {
            throw new IllegalStateException("not a held claim: " + claim);
        }
        entries.put(claim.file(), new Entry(State.TAKEN, claim, fileId));
        takenCount.merge(claim.file(), 1, Integer::sum);
    }

    @Override
    public synchronized void release(Claim claim) {
        Entry e = entries.get(claim.file());
        if (e != null && e.claim().id() == claim.id() && e.state() == State.CLAIMED) {
            entries.remove(claim.file());
        }
    }

    @Override
    public synchronized boolean wasTaken(RemoteFile file) {
        Entry e = entries.get(file);
        return e != null && e.state() == State.TAKEN;
    }

    /** Claims held but neither taken nor released. */
    synchronized List<Claim> held() {
        return entries.values().stream().filter(e -> e.state() == State.CLAIMED).map(Entry::claim).toList();
    }

    /** How often each file was marked taken (never more than once). */
    synchronized Map<RemoteFile, Integer> takenCounts() {
        return Map.copyOf(takenCount);
    }

    /** Which poller took each file, by path. */
    synchronized Map<String, String> takenBy() {
        Map<String, String> by = new HashMap<>();
        entries.forEach((f, e) -> {
            if (e.state() == State.TAKEN) {
                by.put(f.path(), e.claim().pollerId());
            }
        });
        return by;
    }
}
