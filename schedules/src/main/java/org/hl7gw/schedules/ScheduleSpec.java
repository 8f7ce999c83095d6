package org.hl7gw.schedules;

import java.text.ParseException;
import java.time.ZoneId;
import java.util.Objects;
import org.quartz.CronExpression;

/**
 * A job to run on a cron schedule: a poller or a housekeeping task.
 *
 * @param id the job's id (a poller id, or a housekeeping task name)
 * @param group {@link #POLLERS} or {@link #HOUSEKEEPING}
 * @param cron a Quartz cron expression ({@code 0 30 2 * * ?}: seconds minutes hours day-of-month month day-of-week)
 * @param zone the time zone the expression is read in
 */
public record ScheduleSpec(String id, String group, String cron, ZoneId zone) {
    public static final String POLLERS = "pollers";
    public static final String HOUSEKEEPING = "housekeeping";

    public ScheduleSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(zone, "zone");
        validateCron(cron);
    }

    /**
     * @throws IllegalArgumentException with Quartz's reason when the expression is not valid
     */
    public static void validateCron(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required, e.g. \"0 30 2 * * ?\" (every day at 02:30)");
        }
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("'" + cron + "' is not a Quartz cron expression (seconds minutes hours day-of-month month "
                    + "day-of-week [year]; one of the two day fields must be ?): " + e.getMessage());
        }
    }
}
