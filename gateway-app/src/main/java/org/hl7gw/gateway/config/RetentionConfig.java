package org.hl7gw.gateway.config;

import java.time.Duration;
import java.util.Objects;
import org.hl7gw.schedules.ScheduleSpec;

/**
 * How long finished files are kept (ledger rows and archived originals), and when the clean-up runs. Without
 * a {@code retention:} section nothing is ever deleted.
 */
public record RetentionConfig(Duration keepFor, ScheduleSpec schedule) {
    public RetentionConfig {
        Objects.requireNonNull(keepFor, "keepFor");
        Objects.requireNonNull(schedule, "schedule");
    }
}
