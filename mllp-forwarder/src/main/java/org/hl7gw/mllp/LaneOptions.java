package org.hl7gw.mllp;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a lane runs, apart from its destination.
 *
 * @param pageSize how many pending messages it fetches from the queue at a time
 * @param pollInterval how long it idles before looking at the queue again without a {@link Lane#wake()}
 * @param clock the time of attempts and halts
 * @param sleeper waits between attempts
 */
public record LaneOptions(int pageSize, Duration pollInterval, Clock clock, Sleeper sleeper) {
    public static final int DEFAULT_PAGE_SIZE = 256;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public LaneOptions {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, got " + pageSize);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
    }

    public static LaneOptions defaults() {
        return new LaneOptions(DEFAULT_PAGE_SIZE, DEFAULT_POLL_INTERVAL, Clock.systemUTC(), Sleeper.system());
    }

    public LaneOptions withPageSize(int n) {
        return new LaneOptions(n, pollInterval, clock, sleeper);
    }

    public LaneOptions withPollInterval(Duration d) {
        return new LaneOptions(pageSize, d, clock, sleeper);
    }

    public LaneOptions withClock(Clock c) {
        return new LaneOptions(pageSize, pollInterval, c, sleeper);
    }

    public LaneOptions withSleeper(Sleeper s) {
        return new LaneOptions(pageSize, pollInterval, clock, s);
    }
}
