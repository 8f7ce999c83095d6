package org.hl7gw.core.poll;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A poller's health as {@code gateway schedules list} shows it, kept in the database so that commands see
 * what the service's pollers did.
 *
 * @param pollerId the poller
 * @param lastRunStarted when the last run began (empty before the first)
 * @param lastOutcome how it ended
 * @param lastMessage a one-line account: counts, or the reason of a failure (never file contents)
 * @param consecutiveFailures failed runs in a row
 * @param circuitOpenUntil while set and in the future, runs are skipped without contacting the server
 */
public record PollerStatus(String pollerId, Optional<Instant> lastRunStarted, Optional<PollOutcome> lastOutcome, String lastMessage,
                           int consecutiveFailures, Optional<Instant> circuitOpenUntil) {
    public PollerStatus {
        Objects.requireNonNull(pollerId, "pollerId");
        Objects.requireNonNull(lastRunStarted, "lastRunStarted");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
        Objects.requireNonNull(circuitOpenUntil, "circuitOpenUntil");
    }

    public static PollerStatus never(String pollerId) {
        return new PollerStatus(pollerId, Optional.empty(), Optional.empty(), "", 0, Optional.empty());
    }

    public boolean circuitOpen(Instant now) {
        return circuitOpenUntil.map(now::isBefore).orElse(false);
    }
}
