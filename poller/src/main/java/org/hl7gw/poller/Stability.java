package org.hl7gw.poller;

import java.time.Duration;
import java.util.Objects;

/**
 * When a file is complete enough to take. Partners write files in place, so a file that is listed may still be
 * growing; a poller must never take a half-written file.
 */
public sealed interface Stability {

    /** The default: {@code stableFor 10s}, waiting at most 60 s within a run. */
    static Stability defaults() {
        return new StableFor(Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /**
     * A file is taken once its size and modification time did not change between two looks at least
     * {@code stableFor} apart.
     *
     * <p>The poller remembers what it saw in its previous run, so a file unchanged since a look at least
     * {@code stableFor} ago is stable at once. A file seen for the first time (or changed) is looked at again
     * within the same run after {@code stableFor}, provided that is no longer than {@code maxWaitInRun}: a run
     * never blocks longer than that. With a longer {@code stableFor}, such files wait for a later run. Pitfall:
     * a writer that pauses for longer than {@code stableFor} mid-file is indistinguishable from a finished file;
     * use a done marker with such writers.
     *
     * @param stableFor how long size and time must stay unchanged (0: take files as soon as they are listed)
     * @param maxWaitInRun the longest a run waits for a second look
     */
    record StableFor(Duration stableFor, Duration maxWaitInRun) implements Stability {
        public StableFor {
            Objects.requireNonNull(stableFor, "stableFor");
            Objects.requireNonNull(maxWaitInRun, "maxWaitInRun");
            if (stableFor.isNegative()) {
                throw new IllegalArgumentException("stableFor cannot be negative: " + stableFor);
            }
            if (maxWaitInRun.isNegative()) {
                throw new IllegalArgumentException("maxWaitInRun cannot be negative: " + maxWaitInRun);
            }
        }

        /** Whether a run waits for the second look itself rather than leaving it to a later run. */
        public boolean waitsInRun() {
            return !stableFor.isZero() && stableFor.compareTo(maxWaitInRun) <= 0;
        }
    }

    /**
     * A file {@code NAME} is taken once {@code NAME + suffix} exists next to it (the writer creates the marker
     * after closing the file). The marker itself is never taken; the after-action deletes or moves it with its
     * file, and leaves it when the file is left.
     *
     * @param suffix the marker's suffix, such as {@code .done} or {@code .ok}
     */
    record DoneMarker(String suffix) implements Stability {
        public DoneMarker {
            Objects.requireNonNull(suffix, "suffix");
            if (!suffix.matches("\\.[A-Za-z0-9_.-]{1,32}")) {
                throw new IllegalArgumentException("a done-marker suffix is a dot and up to 32 letters, digits, '_', '-' or '.': '" + suffix + "'");
            }
        }

        public String markerOf(String path) {
            return path + suffix;
        }
    }
}
