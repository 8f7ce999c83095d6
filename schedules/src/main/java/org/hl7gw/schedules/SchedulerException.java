package org.hl7gw.schedules;

import org.hl7gw.core.GatewayException;

/** The scheduler or its job store failed. */
public final class SchedulerException extends GatewayException {
    private static final long serialVersionUID = 1L;

    SchedulerException(String message, Throwable cause) {
        super(message, cause);
    }

    SchedulerException(String message) {
        super(message);
    }
}
