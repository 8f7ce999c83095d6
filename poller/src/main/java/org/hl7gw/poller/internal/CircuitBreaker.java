package org.hl7gw.poller.internal;

import java.time.Instant;
import java.util.Optional;

import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.poller.CircuitBreakerPolicy;

/**
 * The circuit breaker's arithmetic on a {@link PollerStatus}: a run that could not reach the server (FAILED)
 * counts one more failure and opens the circuit from {@code failuresToOpen} on, for a cool-down that doubles
 * with each further failure; a run that reached the server closes it.
 */
public final class CircuitBreaker {
    private final CircuitBreakerPolicy policy;

    public CircuitBreaker(CircuitBreakerPolicy policy) {
        this.policy = policy;
    }

    /** The status after a run that started at {@code started} and ended at {@code ended}. */
    public PollerStatus after(PollerStatus before, Instant started, Instant ended, PollOutcome outcome, String message) {
        if (outcome == PollOutcome.FAILED) {
            int failures = before.consecutiveFailures() + 1;
            Optional<Instant> openUntil = failures >= policy.failuresToOpen()
                    ? Optional.of(ended.plus(policy.coolDownAfter(failures)))
                    : Optional.empty();
            return new PollerStatus(before.pollerId(), Optional.of(started), Optional.of(outcome), message, failures, openUntil);
        }
        return new PollerStatus(before.pollerId(), Optional.of(started), Optional.of(outcome), message, 0, Optional.empty());
    }

    /** The status after a run skipped because the circuit is open: failures and cool-down stay. */
    public PollerStatus skipped(PollerStatus before, Instant started, String message) {
        return new PollerStatus(before.pollerId(), Optional.of(started), Optional.of(PollOutcome.SKIPPED_CIRCUIT_OPEN), message,
                before.consecutiveFailures(), before.circuitOpenUntil());
    }
}
