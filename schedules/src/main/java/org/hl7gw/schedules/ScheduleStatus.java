package org.hl7gw.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What the scheduler knows of a job.
 *
 * @param id the job's id
 * @param group pollers or housekeeping
 * @param cron its expression
 * @param zone its time zone
 * @param nextFire when it runs next (empty while paused)
 * @param previousFire when it last ran
 * @param paused whether it is paused
 */
public record ScheduleStatus(String id, String group, String cron, ZoneId zone, Optional<Instant> nextFire, Optional<Instant> previousFire,
                             boolean paused) {
}
