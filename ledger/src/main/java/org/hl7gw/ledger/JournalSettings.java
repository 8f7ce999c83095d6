package org.hl7gw.ledger;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link GroupCommitJournal} groups writes. {@link #DEFAULTS}: capacity 2048, maxBatch 1024, maxDelay 100 ms
 * (crash window 3072 records). Bigger batches make each commit (and its fsync) cover more messages: on the
 * project's 2-core machine 1024/256 reached about 40,000 messages/s and 2048/1024 about 55,000-63,000.
 *
 * @param capacity records (attempts and settlements) that may wait in memory; a caller that finds it full
 *     blocks until the writer makes room. With {@code maxBatch} this bounds what a crash can lose
 *     ({@link GroupCommitJournal#crashWindow()})
 * @param maxBatch records per database transaction
 * @param maxDelay longest a record waits for its batch to fill before it is written anyway
 * @param retryDelay first wait after a failed write; doubles per failure up to {@code maxRetryDelay}
 * @param maxRetryDelay longest wait between retries
 * @param closeTimeout how long {@code close()} waits for a failing database before giving up on what is buffered
 */
public record JournalSettings(int capacity, int maxBatch, Duration maxDelay, Duration retryDelay, Duration maxRetryDelay,
                              Duration closeTimeout) {

    public static final JournalSettings DEFAULTS = new JournalSettings(2048, 1024, Duration.ofMillis(100),
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10));

    public JournalSettings {
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("journal maxBatch must be 1 to 10000, got " + maxBatch);
        }
        if (capacity < maxBatch || capacity > 1_000_000) {
            throw new IllegalArgumentException("journal capacity must be maxBatch (" + maxBatch + ") to 1000000, got " + capacity);
        }
        if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("journal maxDelay must be 0 to 60s, got " + maxDelay);
        }
        if (retryDelay.isNegative() || retryDelay.isZero() || maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("journal retry delays must be positive with maxRetryDelay >= retryDelay");
        }
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("journal closeTimeout cannot be negative");
        }
    }

    public JournalSettings withBuffer(int newCapacity, int newMaxBatch) {
        return new JournalSettings(newCapacity, newMaxBatch, maxDelay, retryDelay, maxRetryDelay, closeTimeout);
    }

    public JournalSettings withMaxDelay(Duration delay) {
        return new JournalSettings(capacity, maxBatch, delay, retryDelay, maxRetryDelay, closeTimeout);
    }

    public JournalSettings withRetry(Duration first, Duration max, Duration close) {
        return new JournalSettings(capacity, maxBatch, maxDelay, first, max, close);
    }
}
