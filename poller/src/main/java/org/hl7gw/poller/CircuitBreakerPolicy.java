package org.hl7gw.poller;

import java.time.Duration;
import java.util.Objects;

/**
 * When a poller stops contacting a server that keeps failing.
 *
 * <p>After {@code failuresToOpen} failed runs in a row the circuit opens for {@code coolDown}: runs are skipped
 * ({@link org.hl7gw.core.poll.PollOutcome#SKIPPED_CIRCUIT_OPEN}) without a connection attempt. The first run
 * after the cool-down tries the server again; if it fails too, the circuit opens for twice as long, and so on up
 * to {@code maxCoolDown}. A run that reaches the server (succeeded or partial) closes the circuit.
 *
 * @param failuresToOpen failed runs in a row that open the circuit (default 5)
 * @param coolDown the first cool-down (default 15 minutes)
 * @param maxCoolDown the longest cool-down (default 4 hours)
 */
public record CircuitBreakerPolicy(int failuresToOpen, Duration coolDown, Duration maxCoolDown) {
    public CircuitBreakerPolicy {
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(maxCoolDown, "maxCoolDown");
        if (failuresToOpen < 1) {
            throw new IllegalArgumentException("failuresToOpen must be at least 1: " + failuresToOpen);
        }
        if (coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("coolDown must be positive: " + coolDown);
        }
        if (maxCoolDown.compareTo(coolDown) < 0) {
            throw new IllegalArgumentException("maxCoolDown (" + maxCoolDown + ") cannot be shorter than coolDown (" + coolDown + ")");
        }
    }

    public static CircuitBreakerPolicy defaults() {
        return new CircuitBreakerPolicy(5, Duration.ofMinutes(15), Duration.ofHours(4));
    }

    /**
     * How long the circuit stays open after this many failed runs in a row: nothing below
     * {@code failuresToOpen}, then {@code coolDown}, doubling with each further failure, at most
     * {@code maxCoolDown}.
     */
    public Duration coolDownAfter(int consecutiveFailures) {
        if (consecutiveFailures < failuresToOpen) {
            return Duration.ZERO;
        }
        int doublings = Math.min(consecutiveFailures - failuresToOpen, 30);
        Duration d = coolDown;
        for (int i = 0; i < doublings && d.compareTo(maxCoolDown) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxCoolDown) > 0 ? maxCoolDown : d;
    }
}
