package org.hl7gw.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hl7gw.core.delivery.AttemptRecord;
import org.hl7gw.core.delivery.LaneHalt;
import org.hl7gw.core.delivery.Settlement;
import org.hl7gw.core.port.DeliveryJournal;
import org.hl7gw.ledger.internal.Jdbc;
import org.hl7gw.ledger.internal.JournalBatchWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DeliveryJournal} that keeps the database off the lanes' hot path: {@link #attempt} and
 * {@link #settle} put the record in a bounded in-memory buffer and return; one writer thread writes the buffer
 * in batches, each one transaction (attempts inserted, messages settled, file counts and status updated once per
 * file), as soon as {@code maxBatch} records wait or {@code maxDelay} after the oldest waiting record arrived,
 * whichever comes first. One journal can serve every lane.
 *
 * <h2>Crash window</h2>
 * The buffer holds at most {@code capacity} records; when it is full, {@code attempt} and {@code settle} block
 * until the writer makes room (backpressure). The writer takes at most {@code maxBatch} records at a time, so at
 * any moment at most {@link #crashWindow()} {@code = capacity + maxBatch} records are accepted but not yet
 * committed. A crash (kill -9, power loss: H2 commits are forced to disk) loses at most that many attempts and
 * settlements; the messages whose settlement was lost are still PENDING after the restart, so at most that many
 * messages the receiver already acknowledged are sent again. State it as: "after a crash, at most N
 * already-acknowledged messages are sent a second time (N = capacity + maxBatch, 3072 by default)".
 * {@link #flush()} and {@link #halt} shrink it to zero at the moment they return.
 *
 * <h2>Failures</h2>
 * A failed write is rolled back, logged at ERROR (ids and SQL state only) and retried with the same batch after
 * {@code retryDelay}, doubling up to {@code maxRetryDelay}, until it succeeds. While it is failing, every
 * {@code attempt}, {@code settle} and {@code flush} call throws {@link JournalException} (the record of that call
 * is not taken); the records already taken stay buffered and are written once the database is back.
 *
 * <h2>Threads</h2>
 * Thread-safe. The writer is a daemon thread named {@code ledger-journal}; {@link #close()} writes what is
 * buffered and stops it.
 */
public final class GroupCommitJournal implements DeliveryJournal, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitJournal.class);

    private record Buffered(Object record, long at) {
    }

    private final JournalSettings settings;
    private final JournalBatchWriter batchWriter;
    private final JdbcLedger ledger;
    private final long maxDelayNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final ArrayDeque<Buffered> buffer;
    private long accepted;
    private long committed;
    private long flushTarget;
    private long ignoredSettlements;
    private Throwable failure;
    private boolean closing;
    private boolean writerDead;
    /** Set by close() when its timeout ran out: the writer stops retrying. */
    private volatile boolean abandoned;
    private final Thread writer;

    public GroupCommitJournal(LedgerDatabase database, JournalSettings settings) {
        this(database, settings, Clock.systemUTC());
    }

    public GroupCommitJournal(LedgerDatabase database, JournalSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.batchWriter = new JournalBatchWriter(database.jdbc(), clock);
        this.ledger = new JdbcLedger(database, clock);
        this.maxDelayNanos = settings.maxDelay().toNanos();
        this.buffer = new ArrayDeque<>(settings.capacity());
        this.writer = new Thread(this::runWriter, "ledger-journal");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * The most records (attempts plus settlements) that can be accepted but not yet committed at any moment:
     * {@code capacity + maxBatch}. A crash loses at most this many, so at most this many already-acknowledged
     * messages are sent again after a restart.
     */
    public int crashWindow() {
        return settings.capacity() + settings.maxBatch();
    }

    /** Records one attempt; blocks only while the buffer is full. @throws JournalException while writes fail */
    @Override
    public void attempt(AttemptRecord attempt) {
        offer(Objects.requireNonNull(attempt, "attempt"));
    }

    /** Records a final outcome; blocks only while the buffer is full. @throws JournalException while writes fail */
    @Override
    public void settle(Settlement settlement) {
        offer(Objects.requireNonNull(settlement, "settlement"));
    }

    private void offer(Object record) {
        lock.lock();
        try {
            while (true) {
                checkUsable();
                if (buffer.size() < settings.capacity()) {
                    break;
                }
                awaitOrThrow(notFull);
            }
            if (buffer.isEmpty()) {
                work.signal(); // the writer waits without a deadline while the buffer is empty
            }
            buffer.addLast(new Buffered(record, System.nanoTime()));
            accepted++;
            if (buffer.size() >= settings.maxBatch()) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until every record accepted before this call is committed (and forced to disk).
     *
     * @throws JournalException when the writer is failing (the records stay buffered) or the journal is closed
     */
    @Override
    public void flush() {
        lock.lock();
        try {
            long target = accepted;
            if (committed >= target) {
                return;
            }
            flushTarget = Math.max(flushTarget, target);
            work.signal();
            while (committed < target) {
                if (failure != null || writerDead) {
                    throw failing();
                }
                awaitOrThrow(progress);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes, then records the halt in the lanes table. Durable when it returns.
     *
     * @throws JournalException when the flush fails; LedgerException when the halt cannot be written
     */
    @Override
    public void halt(LaneHalt halt) {
        Objects.requireNonNull(halt, "halt");
        flush();
        ledger.recordHalt(halt);
    }

    /** Records accepted so far. */
    public long accepted() {
        lock.lock();
        try {
            return accepted;
        } finally {
            lock.unlock();
        }
    }

    /** Records committed so far. */
    public long committed() {
        lock.lock();
        try {
            return committed;
        } finally {
            lock.unlock();
        }
    }

    /** Records waiting in the buffer (not counting a batch being written). */
    public int buffered() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    /** Settlements written but ignored because their message was no longer PENDING (each logged at WARN). */
    public long ignoredSettlements() {
        lock.lock();
        try {
            return ignoredSettlements;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what is buffered and stops the writer. Waits up to {@code closeTimeout} for a failing database.
     * Calls after close throw {@link JournalException}.
     *
     * @throws JournalException when records could not be written before the timeout (their count is in the
     *     message and in an ERROR log line)
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closing) {
                closing = true;
                work.signalAll();
                notFull.signalAll();
                progress.signalAll();
            }
        } finally {
            lock.unlock();
        }
        try {
            writer.join(Math.max(1, settings.closeTimeout().toMillis()));
            if (writer.isAlive()) {
                abandoned = true;
                writer.interrupt();
                writer.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long lost;
        lock.lock();
        try {
            lost = accepted - committed;
        } finally {
            lock.unlock();
        }
        if (lost > 0) {
            LOG.error("ledger journal closed with {} records NOT written to the ledger; those messages stay PENDING and "
                    + "are sent again after the restart", lost);
            throw new JournalException("ledger journal closed with " + lost + " records not written", failure);
        }
        LOG.debug("ledger journal closed after {} records", committed);
    }

    // ---------------------------------------------------------------- caller side helpers (lock held)

    private void checkUsable() {
        if (closing) {
            throw new JournalException("the ledger journal is closed");
        }
        if (failure != null || writerDead) {
            throw failing();
        }
    }

    private JournalException failing() {
        long waiting = accepted - committed;
        String cause = failure == null ? "writer stopped" : describe(failure);
        return new JournalException("the ledger journal cannot write to the database (" + waiting
                + " records waiting, retrying): " + cause, failure);
    }

    private void awaitOrThrow(Condition condition) {
        try {
            condition.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while waiting for the ledger journal", e);
        }
        if (closing && condition != progress) {
            throw new JournalException("the ledger journal is closed");
        }
    }

    // ---------------------------------------------------------------- writer thread

    private void runWriter() {
        try {
            while (true) {
                List<Object> batch = nextBatch();
                if (batch == null) {
                    return;
                }
                if (!writeUntilDone(batch)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            LOG.error("ledger journal writer interrupted with {} records unwritten", accepted() - committed());
        } catch (Throwable t) {
            LOG.error("ledger journal writer stopped", t);
            lock.lock();
            try {
                failure = t;
            } finally {
                lock.unlock();
            }
        } finally {
            lock.lock();
            try {
                writerDead = true;
                progress.signalAll();
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until a batch is due and takes it, or returns null when closing with nothing left. */
    private List<Object> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (buffer.isEmpty()) {
                    if (closing) {
                        return null;
                    }
                    work.await();
                    continue;
                }
                long waited = System.nanoTime() - buffer.peekFirst().at();
                if (buffer.size() >= settings.maxBatch() || closing || flushTarget > committed || waited >= maxDelayNanos) {
                    break;
                }
                work.awaitNanos(maxDelayNanos - waited);
            }
            int n = Math.min(settings.maxBatch(), buffer.size());
            List<Object> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(buffer.pollFirst().record());
            }
            notFull.signalAll();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the batch, retrying until it is committed; false when interrupted (closing timed out). */
    private boolean writeUntilDone(List<Object> batch) {
        long delay = settings.retryDelay().toMillis();
        int failures = 0;
        while (true) {
            try {
                int ignored = batchWriter.write(batch);
                lock.lock();
                try {
                    committed += batch.size();
                    ignoredSettlements += ignored;
                    if (failure != null) {
                        LOG.warn("ledger journal writes again after {} failed tries", failures);
                        failure = null;
                    }
                    progress.signalAll();
                    notFull.signalAll();
                } finally {
                    lock.unlock();
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                failures++;
                LOG.error("ledger journal: writing a batch of {} records failed (try {}), retrying in {} ms: {}",
                        batch.size(), failures, delay, describe(e));
                lock.lock();
                try {
                    failure = e;
                    progress.signalAll();
                    notFull.signalAll();
                } finally {
                    lock.unlock();
                }
                try {
                    if (abandoned) {
                        throw new InterruptedException("closed");
                    }
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    LOG.error("ledger journal writer gave up with {} records unwritten", accepted() - committed());
                    return false;
                }
                delay = Math.min(delay * 2, settings.maxRetryDelay().toMillis());
            }
        }
    }

    private static String describe(Throwable e) {
        return e instanceof SQLException s ? Jdbc.describe(s) : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The settings in use. */
    public JournalSettings settings() {
        return settings;
    }
}
