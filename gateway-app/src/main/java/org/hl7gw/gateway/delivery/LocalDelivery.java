package org.hl7gw.gateway.delivery;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.hl7gw.core.port.MessageBodies;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.GroupCommitJournal;
import org.hl7gw.ledger.JournalSettings;
import org.hl7gw.mllp.Destination;
import org.hl7gw.mllp.Lane;
import org.hl7gw.mllp.LaneOptions;
import org.hl7gw.mllp.LaneReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the ledger holds for one destination from a command ({@code send}, {@code rerun}): runs the
 * destination's lane in this process until nothing is left or it halts, or, when another process (the
 * service) holds the lane, waits for that process to deliver the given files.
 */
public final class LocalDelivery {
    private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);

    /** How it ended. */
    public record Outcome(boolean ranHere, Optional<LaneReport> report, boolean timedOut, Optional<String> haltReason) {
    }

    private final Workspace workspace;
    private final MessageBodies bodies;
    private final JournalSettings journal;

    public LocalDelivery(Workspace workspace, MessageBodies bodies, JournalSettings journal) {
        this.workspace = workspace;
        this.bodies = bodies;
        this.journal = journal;
    }

    /** Delivery from a command: message bodies from the spool, rebuilt from the archive by the route when needed. */
    public static LocalDelivery forCommand(Workspace workspace, org.hl7gw.gateway.intake.IntakePipeline pipeline,
                                           org.hl7gw.gateway.intake.IntakeRoute route) {
        MessageBodies bodies = new org.hl7gw.gateway.spool.SpoolBodies(workspace.spool(),
                id -> pipeline.rebuildSpool(workspace.ledger().file(id).orElseThrow(), route));
        return new LocalDelivery(workspace, bodies, JournalSettings.DEFAULTS);
    }

    /**
     * @param files the files the caller waits for when another process holds the lane
     * @param handOffWait how long to wait for that other process
     */
    public Outcome deliver(Destination destination, Collection<Long> files, Duration handOffWait, java.io.PrintStream progress)
            throws IOException, InterruptedException {
        return deliver(destination.id(), Optional.of(destination), files, handOffWait, progress);
    }

    /**
     * @param destination how to reach the receiver; may be empty when only a process that already holds the
     *                    lane (the service) can send there: then a free lane is a usage error
     */
    public Outcome deliver(String destinationId, Optional<Destination> destination, Collection<Long> files, Duration handOffWait,
                           java.io.PrintStream progress) throws IOException, InterruptedException {
        Optional<LaneLock> lock = LaneLock.tryAcquire(workspace.dataDir(), destinationId);
        if (lock.isEmpty()) {
            progress.println("another gateway process is sending to " + destinationId + "; its lane will deliver (waiting up to "
                    + org.hl7gw.core.Durations.format(handOffWait) + ")");
            return waitForOthers(destinationId, files, handOffWait);
        }
        if (destination.isEmpty()) {
            lock.get().close();
            throw new org.hl7gw.gateway.cli.UsageException("no gateway service is sending to destination '" + destinationId
                    + "' now: give --config FILE (its configuration), or --to URL");
        }
        try (LaneLock held = lock.get(); GroupCommitJournal j = new GroupCommitJournal(workspace.database(), journal)) {
            Destination d = destination.get();
            Lane lane = new Lane(d, workspace.jdbcLedger(), j, bodies, LaneOptions.defaults());
            LaneReport report = lane.drain();
            j.flush();
            log.info("lane {}: {} delivered, {} rejected, {} failed, {} attempts; {}", d.id(), report.delivered(),
                    report.rejected(), report.failed(), report.attempts(), report.end());
            return new Outcome(true, Optional.of(report), false, Optional.ofNullable(report.haltReason()));
        } finally {
            removeSettledSpools(files);
        }
    }

    private Outcome waitForOthers(String destination, Collection<Long> files, Duration wait) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> halt = workspace.jdbcLedger().halt(destination).map(h -> h.reason());
            boolean allSettled = files.stream().map(id -> workspace.ledger().file(id)).allMatch(f -> f.map(FileRecord::settled).orElse(true));
            if (allSettled || halt.isPresent()) {
                return new Outcome(false, Optional.empty(), false, halt);
            }
            Thread.sleep(250);
        }
        return new Outcome(false, Optional.empty(), true, Optional.empty());
    }

    private void removeSettledSpools(Collection<Long> files) throws IOException {
        for (long id : files) {
            Optional<FileRecord> f = workspace.ledger().file(id);
            if (f.isPresent() && f.get().settled()) {
                workspace.spool().delete(id);
            }
        }
    }
}
