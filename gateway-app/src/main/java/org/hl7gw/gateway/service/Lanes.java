package org.hl7gw.gateway.service;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.core.port.MessageBodies;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.gateway.delivery.LaneLock;
import org.hl7gw.ledger.GroupCommitJournal;
import org.hl7gw.ledger.JournalSettings;
import org.hl7gw.mllp.Destination;
import org.hl7gw.mllp.Lane;
import org.hl7gw.mllp.LaneOptions;
import org.hl7gw.mllp.LaneState;
import org.hl7gw.mllp.LaneStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's lanes, one per destination, each holding its lane lock (so a {@code send} or {@code rerun}
 * command hands its work over instead of opening a second connection) and its own group-commit journal.
 */
final class Lanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lanes.class);

    private record Running(Lane lane, GroupCommitJournal journal, LaneLock lock) {
    }

    private final Workspace workspace;
    private final Map<String, Running> lanes = new LinkedHashMap<>();

    Lanes(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Takes every destination's lock, then starts the lanes. Fails when another process holds a lock. */
    void start(List<Destination> destinations, MessageBodies bodies, JournalSettings journal, LaneOptions options) throws IOException {
        for (Destination d : destinations) {
            Optional<LaneLock> lock = LaneLock.tryAcquire(workspace.dataDir(), d.id());
            if (lock.isEmpty()) {
                close();
                throw new ConfigurationException("destinations[" + d.id() + "]", "another gateway process already sends to this destination from "
                        + workspace.dataDir() + " (a running service, or a send/rerun command); stop it first");
            }
            GroupCommitJournal j = new GroupCommitJournal(workspace.database(), journal);
            Lane lane = new Lane(d, workspace.jdbcLedger(), j, bodies, options);
            lanes.put(d.id(), new Running(lane, j, lock.get()));
        }
        for (Running r : lanes.values()) {
            r.lane().start();
            log.info("lane {} started for {}", r.lane().destination().id(), r.lane().destination().endpoint());
        }
    }

    void wake(String destination) {
        Running r = lanes.get(destination);
        if (r != null) {
            r.lane().wake();
        }
    }

    void wakeAll() {
        lanes.values().forEach(r -> r.lane().wake());
    }

    /** Resumes lanes whose halt an operator cleared in the ledger (a rerun from the command line). */
    void supervise() {
        for (Running r : lanes.values()) {
            LaneStatus s = r.lane().status();
            if (s.state() == LaneState.HALTED && workspace.jdbcLedger().halt(r.lane().destination().id()).isEmpty()) {
                log.info("lane {}: its halt was cleared in the ledger; resuming", r.lane().destination().id());
                r.lane().resume();
            }
        }
    }

    List<LaneStatus> statuses() {
        List<LaneStatus> out = new ArrayList<>();
        lanes.values().forEach(r -> out.add(r.lane().status()));
        return out;
    }

    /** Lets each in-flight message finish, flushes the journals, releases the locks. */
    @Override
    public void close() {
        for (Running r : lanes.values()) {
            try {
                r.lane().stop(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                log.warn("lane {} did not stop cleanly: {}", r.lane().destination().id(), e.toString());
            }
        }
        for (Running r : lanes.values()) {
            try {
                r.journal().close();
            } finally {
                try {
                    r.lock().close();
                } catch (IOException e) {
                    log.warn("cannot release the lane lock of {}: {}", r.lane().destination().id(), e.toString());
                }
            }
        }
        lanes.clear();
    }
}
