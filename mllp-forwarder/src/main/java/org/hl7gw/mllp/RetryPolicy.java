package org.hl7gw.mllp;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a message is tried: after an AE/CE, a timeout, a connection failure or an
 * invalid ACK, the next attempt waits {@code initialBackoff * multiplier^(k-1)} (k-th retry), at most
 * {@code maxBackoff}; after {@code maxAttempts} attempts in one delivery run the message is FAILED.
 *
 * @param maxAttempts attempts per delivery run, at least 1
 * @param initialBackoff wait before the second attempt
 * @param multiplier growth of the wait per retry, at least 1.0
 * @param maxBackoff longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff cannot be negative");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a number of at least 1.0, got " + multiplier);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is shorter than initialBackoff (" + initialBackoff + ")");
        }
    }

    /**
     * The wait before attempt {@code n} (1-based): zero for the first, {@code initialBackoff} for the second,
     * growing by {@code multiplier} up to {@code maxBackoff}.
     */
    public Duration delayBeforeAttempt(int n) {
        if (n <= 1) {
            return Duration.ZERO;
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, n - 2);
        if (!(nanos < maxBackoff.toNanos())) {
            return maxBackoff;
        }
        return Duration.ofNanos((long) nanos);
    }

    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(n, initialBackoff, multiplier, maxBackoff);
    }
}
