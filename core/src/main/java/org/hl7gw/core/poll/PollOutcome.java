package org.hl7gw.core.poll;

/** How a poller's run ended. */
public enum PollOutcome {
    /** It listed the folder and took every stable file it was allowed to (possibly none). */
    SUCCEEDED,
    /** Some files were taken, others failed (a download dropped, an after-action refused). */
    PARTIAL,
    /** It could not list the folder: server down, login refused, permission denied. */
    FAILED,
    /** The circuit breaker is open: the run was skipped without contacting the server. */
    SKIPPED_CIRCUIT_OPEN
}
