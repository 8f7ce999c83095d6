package org.hl7gw.mllp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7gw.core.delivery.AckCode;
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
import org.hl7gw.mllp.ack.Ack;
import org.hl7gw.mllp.ack.InvalidAckException;
import org.hl7gw.mllp.connection.AckTimeoutException;
import org.hl7gw.mllp.connection.ConnectionFailedException;
import org.hl7gw.mllp.connection.MllpConnection;
import org.hl7gw.mllp.connection.MllpConnector;
import org.hl7gw.mllp.frame.UnframeableMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the messages of one destination, one at a time, in queue order, over one persistent connection.
 *
 * <h2>Order and outcomes</h2>
 * Message n+1 is sent only after message n has a final outcome. Messages come from the {@link DeliveryQueue}
 * in (file id, sequence) order, a page at a time. For each message the lane reads its bytes
 * ({@link MessageBodies}) and sends it, recording every attempt ({@link DeliveryJournal#attempt}):
 * <ul>
 *   <li>AA or CA: DELIVERED.</li>
 *   <li>AR or CR: REJECTED at once, no retry.</li>
 *   <li>AE or CE, no ACK within the ACK timeout, a refused/reset/closed connection or an invalid ACK: back off
 *       ({@link RetryPolicy}), reconnect if the connection broke, and try again; after {@code maxAttempts}
 *       attempts FAILED with the last reason.</li>
 *   <li>A body that cannot be read, or that contains an MLLP framing byte: FAILED without an attempt.</li>
 * </ul>
 * After REJECTED the destination's {@code onReject} policy applies, after FAILED its {@code onFailure}
 * policy: CONTINUE, or HALT, which records a {@link LaneHalt} and sends nothing more until {@link #resume()}.
 * A lane whose halt is recorded in the ledger starts halted.
 *
 * <h2>When the queue runs dry</h2>
 * It flushes the journal, then scans once from {@link QueuePosition#START} (a rerun may have reset older
 * messages to PENDING); if nothing is pending it idles until {@link #wake()} or the poll interval.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Delivery is at least once. When the connection drops or the ACK does not come, the receiver may have
 *       processed the message; the lane sends it again (a recorded attempt, never a silent re-send), so the
 *       receiver may see it twice. The same holds after a crash of the gateway between sending and recording.</li>
 *   <li>An ACK for another control ID is never taken as the current message's ACK, and a connection is never
 *       reused after a failed exchange, so a late ACK cannot be credited to the next message.</li>
 *   <li>{@link #stop} lets the message in flight finish (its ACK is awaited up to the ACK timeout): give a grace
 *       longer than the ACK timeout to stop cleanly.</li>
 *   <li>An error of the ledger (a RuntimeException from a port) stops the lane (status STOPPED with the
 *       reason): carrying on could send messages whose outcomes cannot be recorded.</li>
 * </ul>
 *
 * <p>Logging: per message at DEBUG (control ID, outcome, latency); connects, halts and resumes at INFO or WARN;
 * failed attempts at WARN with the control ID and ACK code or error. Never message content, and receiver text
 * (MSA-3) only at DEBUG.
 */
public final class Lane {
    private static final Logger log = LoggerFactory.getLogger(Lane.class);

    private final Destination destination;
    private final DeliveryQueue queue;
    private final DeliveryJournal journal;
    private final MessageBodies bodies;
    private final LaneOptions options;
    private final MllpConnector connector;
    private final String id;

    private final Object monitor = new Object();
    // written under monitor; the two volatile ones are read without it on the per-message path
    private boolean started;
    private boolean loopRunning;
    private volatile boolean stopRequested;
    private boolean wakeRequested;
    private boolean resumeRequested;
    private boolean sleeping;
    private boolean interruptedFromOutside;
    private Thread worker;
    private volatile String haltReason;

    // confined to the thread running the loop (read by status() through volatile)
    private volatile QueuePosition position = QueuePosition.START;
    private volatile MllpConnection connection;
    private boolean unflushed;

    // status; one writer (the loop's thread)
    private volatile LaneState state = LaneState.IDLE;
    private volatile String stopReason;
    private volatile String lastError;
    private volatile long delivered;
    private volatile long rejected;
    private volatile long failed;
    private volatile long attempts;

    /**
     * @throws org.hl7gw.core.ConfigurationException when the destination's TLS material cannot be read
     */
    public Lane(Destination destination, DeliveryQueue queue, DeliveryJournal journal, MessageBodies bodies, LaneOptions options) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.options = Objects.requireNonNull(options, "options");
        this.id = destination.id();
        this.connector = new MllpConnector(destination.endpoint(), destination.tls(), destination.connectTimeout(),
                destination.maxFrameLength(), destination.endOfData());
    }

    public Destination destination() {
        return destination;
    }

    /**
     * Runs the lane in its own thread, named {@code lane-<id>}, until {@link #stop}.
     *
     * @throws IllegalStateException when it already runs, drains or was stopped
     */
    public void start() {
        synchronized (monitor) {
            if (started || loopRunning || stopRequested) {
                throw new IllegalStateException("lane " + id + " is already running or was stopped");
            }
            started = true;
            loopRunning = true;
            worker = new Thread(this::runInThread, "lane-" + id);
            worker.start();
        }
    }

    /**
     * Runs the lane in the caller's thread until nothing is pending, the lane halts, or {@link #stop} is
     * called; then flushes the journal and closes the connection. For one-shot sends.
     *
     * @return what this drain did
     * @throws IllegalStateException when the lane runs in its own thread or another drain is running
     * @throws RuntimeException from the ledger's ports, after the connection was closed
     */
    public LaneReport drain() {
        synchronized (monitor) {
            if (started || loopRunning) {
                throw new IllegalStateException("lane " + id + " is already running");
            }
            loopRunning = true;
            worker = Thread.currentThread();
        }
        long d0 = delivered;
        long r0 = rejected;
        long f0 = failed;
        long a0 = attempts;
        LaneReport.End end = LaneReport.End.STOPPED;
        try {
            end = loop(true);
        } finally {
            finishLoop(end == LaneReport.End.HALTED ? LaneState.HALTED : end == LaneReport.End.STOPPED ? LaneState.STOPPED : LaneState.IDLE);
        }
        String reason = end == LaneReport.End.HALTED ? currentHaltReason() : null;
        return new LaneReport(delivered - d0, rejected - r0, failed - f0, attempts - a0, end, reason);
    }

    /** Looks at the queue now instead of at the end of the poll interval (new messages were queued). */
    public void wake() {
        synchronized (monitor) {
            wakeRequested = true;
            monitor.notifyAll();
        }
    }

    /**
     * Ends a halt: the lane reads the ledger's halt again and, when none is recorded any more (an operator's
     * rerun clears it before calling this), scans the queue from the start. Does nothing unless halted.
     */
    public void resume() {
        synchronized (monitor) {
            if (haltReason != null) {
                resumeRequested = true;
                monitor.notifyAll();
            }
        }
    }

    /**
     * Stops the lane: a message in flight finishes (its ACK is awaited up to the ACK timeout), a backoff wait
     * is cut short (that message stays PENDING), the journal is flushed and the connection closed. When the
     * lane has not stopped within {@code grace}, its connection is aborted (the message in flight gets a
     * CONNECTION_ERROR attempt and stays PENDING).
     *
     * @return true when it stopped within the grace
     */
    public boolean stop(Duration grace) {
        Thread current;
        synchronized (monitor) {
            stopRequested = true;
            if (sleeping && worker != null) {
                worker.interrupt();
            }
            monitor.notifyAll();
            current = worker;
            if (!loopRunning) {
                state = LaneState.STOPPED;
                connector.close();
                return true;
            }
        }
        if (current == Thread.currentThread()) {
            return false;
        }
        if (awaitLoopEnd(grace)) {
            return true;
        }
        MllpConnection c = connection;
        log.warn("lane {}: did not stop within {}; aborting its connection", id, grace);
        if (c != null) {
            c.abort();
        }
        awaitLoopEnd(destination.connectTimeout().plusSeconds(5));
        return false;
    }

    public LaneStatus status() {
        LaneState s = state;
        String reason = switch (s) {
            case HALTED -> currentHaltReason();
            case STOPPED -> stopReason;
            default -> null;
        };
        return new LaneStatus(id, s, reason, position, delivered, rejected, failed, attempts, lastError);
    }

    // ---------------------------------------------------------------------------------------------- the loop

    private void runInThread() {
        try {
            loop(false);
        } catch (RuntimeException e) {
            stopReason = "stopped by an error: " + e;
            log.error("lane {}: stopped by an error of the ledger or a port", id, e);
        } finally {
            try {
                finishLoop(LaneState.STOPPED);
            } catch (RuntimeException e) {
                stopReason = "stopped; the final flush failed: " + e;
                log.error("lane {}: the final journal flush failed", id, e);
            }
        }
    }

    private LaneReport.End loop(boolean untilEmpty) {
        boolean resumed = takeResumeRequest();
        if (!isHalted()) {
            checkLedgerHalt(false);
        } else if (resumed) {
            checkLedgerHalt(true);
        }
        while (true) {
            if (stopRequested()) {
                return LaneReport.End.STOPPED;
            }
            if (isHalted()) {
                state = LaneState.HALTED;
                if (untilEmpty) {
                    return LaneReport.End.HALTED;
                }
                if (awaitResume()) {
                    checkLedgerHalt(true);
                }
                continue;
            }
            List<OutboundMessage> page = nextPage();
            if (page.isEmpty()) {
                if (untilEmpty) {
                    return LaneReport.End.QUEUE_EMPTY;
                }
                idle();
                continue;
            }
            for (OutboundMessage m : page) {
                if (stopRequested() || isHalted()) {
                    break;
                }
                deliver(m);
            }
        }
    }

    /** Flushes and closes; the lane's thread (or drain's caller) ends here. */
    private void finishLoop(LaneState end) {
        try {
            if (unflushed) {
                unflushed = false;
                journal.flush();
            }
        } finally {
            closeConnection();
            connector.close();
            synchronized (monitor) {
                loopRunning = false;
                worker = null;
                state = stopRequested || started ? LaneState.STOPPED : end;
                if (interruptedFromOutside) {
                    interruptedFromOutside = false;
                    Thread.currentThread().interrupt();
                }
                monitor.notifyAll();
            }
            if (started) {
                log.info("lane {}: stopped", id);
            }
        }
    }

    /** Reads the ledger's halt: at start, and when resumed. */
    private void checkLedgerHalt(boolean resuming) {
        Optional<LaneHalt> recorded = queue.halt(id);
        if (recorded.isPresent()) {
            setHalt(recorded.get().reason());
            state = LaneState.HALTED;
            if (resuming) {
                log.warn("lane {}: not resumed, the ledger still records a halt: {}", id, recorded.get().reason());
            } else {
                log.info("lane {}: halted as recorded in the ledger: {}", id, recorded.get().reason());
            }
            return;
        }
        if (resuming) {
            setHalt(null);
            position = QueuePosition.START;
            log.info("lane {}: resumed", id);
        }
    }

    private List<OutboundMessage> nextPage() {
        List<OutboundMessage> page = queue.pending(id, position, options.pageSize());
        if (!page.isEmpty()) {
            return page;
        }
        if (unflushed) {
            unflushed = false;
            journal.flush();
        }
        if (position.equals(QueuePosition.START)) {
            return page;
        }
        position = QueuePosition.START;
        return queue.pending(id, QueuePosition.START, options.pageSize());
    }

    private void deliver(OutboundMessage m) {
        state = LaneState.SENDING;
        byte[] body;
        try {
            body = bodies.body(m);
        } catch (IOException e) {
            String reason = "cannot read the message body: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            settle(m, MessageStatus.FAILED, m.attempts(), null, reason, reason);
            return;
        }
        RetryPolicy retry = destination.retry();
        AckCode lastCode = null;
        for (int n = 1; ; n++) {
            int number = m.attempts() + n;
            Instant at = options.clock().instant();
            long t0 = System.nanoTime();
            AttemptOutcome outcome;
            String detail;
            String shortReason;
            try {
                Ack ack = connection().exchange(body, m.controlId(), destination.ackTimeout());
                outcome = AttemptOutcome.of(ack.code());
                lastCode = ack.code();
                detail = ack.code().accepted() ? null : ack.describe();
                shortReason = ack.code().name() + (ack.errorCode().isEmpty() ? "" : " (" + ack.errorCode() + ")");
            } catch (AckTimeoutException e) {
                outcome = AttemptOutcome.TIMEOUT;
                detail = e.getMessage();
                shortReason = detail;
            } catch (ConnectionFailedException e) {
                outcome = AttemptOutcome.CONNECTION_ERROR;
                detail = e.getMessage();
                shortReason = detail;
            } catch (InvalidAckException e) {
                outcome = AttemptOutcome.INVALID_ACK;
                detail = e.getMessage();
                shortReason = detail;
            } catch (UnframeableMessageException e) {
                // nothing was sent and no retry can help: not an attempt
                settle(m, MessageStatus.FAILED, m.attempts() + n - 1, lastCode, e.getMessage(), e.getMessage());
                return;
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - t0);
            journal.attempt(new AttemptRecord(m.messageId(), m.fileId(), number, at, outcome, latency, detail));
            unflushed = true;
            attempts++;
            Optional<AckCode> code = outcome.ackCode();
            if (code.isPresent() && code.get().accepted()) {
                if (log.isDebugEnabled()) {
                    log.debug("lane {}: control ID {} {} in {} ms (attempt {})", id, m.controlId(), outcome, latency.toMillis(), number);
                }
                settle(m, MessageStatus.DELIVERED, number, code.get(), null, null);
                return;
            }
            if (code.isPresent() && code.get().rejected()) {
                settle(m, MessageStatus.REJECTED, number, code.get(), detail, shortReason);
                return;
            }
            lastError = "control ID " + m.controlId() + ", attempt " + number + ": " + shortReason;
            if (n >= retry.maxAttempts()) {
                String reason = detail + " (" + n + " attempt" + (n == 1 ? "" : "s") + " in this run)";
                settle(m, MessageStatus.FAILED, number, lastCode, reason, shortReason);
                return;
            }
            Duration wait = retry.delayBeforeAttempt(n + 1);
            log.warn("lane {}: control ID {} attempt {} of {} ended {}: {}; retrying in {} ms", id, m.controlId(), n, retry.maxAttempts(),
                    outcome, shortReason, wait.toMillis());
            if (detail != null && code.isPresent() && log.isDebugEnabled()) {
                log.debug("lane {}: control ID {} receiver said: {}", id, m.controlId(), detail);
            }
            if (!backoff(wait)) {
                log.info("lane {}: stopped during the backoff of control ID {}; it stays pending", id, m.controlId());
                return;
            }
            state = LaneState.SENDING;
        }
    }

    /**
     * Records the final outcome and applies the halt policy.
     *
     * @param error for the ledger (may contain the receiver's MSA-3 text)
     * @param shortReason for logs and the halt reason: codes and our own error messages only
     */
    private void settle(OutboundMessage m, MessageStatus status, int totalAttempts, AckCode code, String error, String shortReason) {
        journal.settle(new Settlement(m.messageId(), m.fileId(), status, totalAttempts, code, error));
        unflushed = true;
        position = m.position();
        switch (status) {
            case DELIVERED -> delivered++;
            case REJECTED -> rejected++;
            case FAILED -> failed++;
            default -> throw new IllegalStateException(status.name());
        }
        if (status == MessageStatus.DELIVERED) {
            return;
        }
        lastError = "control ID " + m.controlId() + " " + status + ": " + shortReason;
        log.warn("lane {}: message {} of file {} (control ID {}) {} after {} attempt(s): {}", id, m.seq(), m.fileId(), m.controlId(), status,
                totalAttempts, shortReason);
        if (error != null && log.isDebugEnabled()) {
            log.debug("lane {}: control ID {} outcome detail: {}", id, m.controlId(), error);
        }
        HaltPolicy policy = status == MessageStatus.REJECTED ? destination.onReject() : destination.onFailure();
        if (policy == HaltPolicy.HALT) {
            String reason = "message " + m.seq() + " of file " + m.fileId() + " (control ID " + m.controlId() + ") " + status + " after "
                    + totalAttempts + " attempt" + (totalAttempts == 1 ? "" : "s") + ": " + shortReason;
            journal.halt(new LaneHalt(id, options.clock().instant(), m.fileId(), m.messageId(), reason));
            unflushed = false;
            setHalt(reason);
            state = LaneState.HALTED;
            closeConnection();
            log.warn("lane {}: halted ({} policy): {}", id, status == MessageStatus.REJECTED ? "onReject" : "onFailure", reason);
        }
    }

    private MllpConnection connection() {
        MllpConnection c = connection;
        if (c == null || c.isBroken()) {
            long t0 = System.nanoTime();
            c = connector.connect();
            connection = c;
            log.info("lane {}: connected to {} ({}) in {} ms", id, destination.endpoint(), c.protocol(), (System.nanoTime() - t0) / 1_000_000);
        }
        return c;
    }

    private void closeConnection() {
        MllpConnection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    // -------------------------------------------------------------------------------- waiting and signals

    /** Waits before a retry; false when the lane was stopped (the wait is cut short). */
    private boolean backoff(Duration wait) {
        if (wait.isZero()) {
            return !stopRequested();
        }
        state = LaneState.BACKOFF;
        synchronized (monitor) {
            if (stopRequested) {
                return false;
            }
            sleeping = true;
        }
        boolean interrupted = false;
        try {
            options.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            synchronized (monitor) {
                sleeping = false;
                if (interrupted && !stopRequested) {
                    stopRequested = true;
                    interruptedFromOutside = true;
                }
            }
            // never call the ledger with the interrupt flag set (it may close its files); restored at the end
            Thread.interrupted();
        }
        return !stopRequested();
    }

    private void idle() {
        state = LaneState.IDLE;
        synchronized (monitor) {
            try {
                if (!wakeRequested && !stopRequested) {
                    monitor.wait(Math.max(1, options.pollInterval().toMillis()));
                }
            } catch (InterruptedException e) {
                stopRequested = true;
                interruptedFromOutside = true;
            }
            wakeRequested = false;
        }
    }

    /** Waits while halted; true when resume() was called, false when stopped. */
    private boolean awaitResume() {
        synchronized (monitor) {
            try {
                while (!stopRequested && !resumeRequested) {
                    monitor.wait();
                }
            } catch (InterruptedException e) {
                stopRequested = true;
                interruptedFromOutside = true;
            }
            return takeResumeRequestLocked();
        }
    }

    private boolean takeResumeRequest() {
        synchronized (monitor) {
            return takeResumeRequestLocked();
        }
    }

    private boolean takeResumeRequestLocked() {
        boolean r = resumeRequested && !stopRequested;
        resumeRequested = false;
        return r;
    }

    private boolean awaitLoopEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            try {
                while (loopRunning) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    monitor.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !loopRunning;
            }
            return true;
        }
    }

    private boolean stopRequested() {
        return stopRequested;
    }

    private boolean isHalted() {
        return haltReason != null;
    }

    private String currentHaltReason() {
        return haltReason;
    }

    private void setHalt(String reason) {
        synchronized (monitor) {
            haltReason = reason;
        }
    }
}
