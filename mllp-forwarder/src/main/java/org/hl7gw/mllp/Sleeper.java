package org.hl7gw.mllp;

import java.time.Duration;

/**
 * Waits between attempts. Injected so that tests can record the waits a lane asks for instead of sitting
 * through them; production uses {@link #system()}. A lane interrupts its thread to cut a wait short when it
 * is stopped, so an implementation must end with {@link InterruptedException} when interrupted.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper system() {
        return d -> {
            long nanos = d.toNanos();
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }
}
