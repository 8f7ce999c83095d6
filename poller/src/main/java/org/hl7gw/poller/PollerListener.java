package org.hl7gw.poller;

import org.hl7gw.core.poll.RemoteFile;

/**
 * Hooks into a poller's run, for progress displays and metrics. Methods are called on the run's thread and
 * should return quickly; the defaults do nothing.
 */
public interface PollerListener {
    PollerListener NONE = new PollerListener() {
    };

    /** A download advanced: called about every MiB and once at the end. */
    default void downloading(RemoteFile file, long bytesSoFar) {
    }

    /** A run ended (also when it was skipped). */
    default void runFinished(PollReport report) {
    }
}
