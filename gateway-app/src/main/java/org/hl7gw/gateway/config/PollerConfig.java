package org.hl7gw.gateway.config;

import java.util.Objects;
import org.hl7gw.poller.PollerSettings;
import org.hl7gw.schedules.ScheduleSpec;

/**
 * A poller as configured and checked: where and how it fetches, when, and whose rules its files follow.
 *
 * @param settings connection, selection, stability and after-action (the poller module's settings)
 * @param schedule its cron expression and time zone
 * @param partner the partner whose PGP rules, validation policy and destination apply to fetched files
 */
public record PollerConfig(PollerSettings settings, ScheduleSpec schedule, String partner) {
    public PollerConfig {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(partner, "partner");
    }

    public String id() {
        return settings.id();
    }
}
