package org.hl7gw.schedules;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7gw.schedules.internal.ProvidedConnections;
import org.hl7gw.schedules.internal.QuartzSchema;
import org.hl7gw.schedules.internal.RunnerJob;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.DirectSchedulerFactory;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of Quartz in the gateway: a JDBC job store in the gateway's own database (so schedules and
 * their history survive restarts), cron triggers with a time zone each, and an explicit misfire policy: a run
 * missed while the gateway was down runs once when it is back, not once per missed slot. Runs of the same job
 * never overlap.
 *
 * <p>The store is clustered (row locks in the database), so that a command ({@code gateway schedules pause},
 * {@code trigger}) can change schedules while the service runs: the command opens this class in standby, never
 * starts it, and writes to the same tables the service reads.
 */
public final class GatewayScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayScheduler.class);
    public static final String SCHEDULER_NAME = "hl7gw";

    private final Scheduler scheduler;
    private final boolean owned;

    private GatewayScheduler(Scheduler scheduler, boolean owned) {
        this.scheduler = scheduler;
        this.owned = owned;
    }

    /**
     * Opens the scheduler on the database (creating Quartz's tables on first use) without starting it.
     *
     * @param runner what the jobs do; may be a no-op for a command that only reads or changes schedules
     * @param threads worker threads (jobs that may run at the same time)
     */
    public static GatewayScheduler open(DataSource dataSource, boolean postgres, JobRunner runner, int threads) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(runner, "runner");
        try {
            QuartzSchema.ensure(dataSource, postgres);
            Scheduler existing = SchedulerRepository.getInstance().lookup(SCHEDULER_NAME);
            if (existing != null && !existing.isShutdown()) {
                // a command inside the process that runs the service (tests): use the running one
                return new GatewayScheduler(existing, false);
            }
            String ds = "hl7gw-" + UUID.randomUUID();
            DBConnectionManager.getInstance().addConnectionProvider(ds, new ProvidedConnections(dataSource));
            JobStoreTX store = new JobStoreTX();
            store.setDataSource(ds);
            store.setDriverDelegateClass((postgres ? PostgreSQLDelegate.class : StdJDBCDelegate.class).getName());
            store.setTablePrefix("QRTZ_");
            store.setIsClustered(true);
            store.setClusterCheckinInterval(Duration.ofSeconds(10).toMillis());
            store.setMisfireThreshold(Duration.ofSeconds(60).toMillis());
            store.setAcquireTriggersWithinLock(true);
            SimpleThreadPool pool = new SimpleThreadPool(Math.max(1, threads), Thread.NORM_PRIORITY);
            pool.setThreadNamePrefix("hl7gw-job");
            pool.setMakeThreadsDaemons(true);
            String instanceId = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
            DirectSchedulerFactory.getInstance().createScheduler(SCHEDULER_NAME, instanceId, pool, store, null, null, 0,
                    Duration.ofSeconds(1).toMillis(), Duration.ofSeconds(15).toMillis(), false, null);
            Scheduler s = DirectSchedulerFactory.getInstance().getScheduler(SCHEDULER_NAME);
            s.setJobFactory((bundle, sched) -> new RunnerJob(runner));
            return new GatewayScheduler(s, true);
        } catch (org.quartz.SchedulerException | org.quartz.impl.jdbcjobstore.InvalidConfigurationException | java.sql.SQLException
                 | java.io.IOException e) {
            throw new SchedulerException("cannot open the scheduler: " + e.getMessage(), e);
        }
    }

    /** Starts firing triggers; missed runs (while the gateway was down) fire once now. */
    public void start() {
        try {
            scheduler.start();
            LOG.info("scheduler started");
        } catch (org.quartz.SchedulerException e) {
            throw new SchedulerException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the stored schedules of a group match the configuration: adds the missing, updates those whose
     * cron expression or time zone changed, removes those no longer configured. Pause states are kept.
     */
    public void sync(String group, List<ScheduleSpec> specs) {
        try {
            Set<String> wanted = new HashSet<>();
            for (ScheduleSpec spec : specs) {
                if (!spec.group().equals(group)) {
                    throw new IllegalArgumentException("spec " + spec.id() + " is in group " + spec.group() + ", not " + group);
                }
                wanted.add(spec.id());
                JobKey key = JobKey.jobKey(spec.id(), group);
                TriggerKey tkey = TriggerKey.triggerKey(spec.id(), group);
                if (!scheduler.checkExists(key)) {
                    JobDetail job = JobBuilder.newJob(RunnerJob.class).withIdentity(key).storeDurably().build();
                    scheduler.scheduleJob(job, trigger(spec).build());
                    LOG.info("schedule {}/{} added: {} ({})", group, spec.id(), spec.cron(), spec.zone());
                    continue;
                }
                Trigger t = scheduler.getTrigger(tkey);
                if (t instanceof CronTrigger ct && ct.getCronExpression().equals(spec.cron()) && ct.getTimeZone().toZoneId().equals(spec.zone())) {
                    continue;
                }
                boolean paused = t != null && scheduler.getTriggerState(tkey) == Trigger.TriggerState.PAUSED;
                if (t == null) {
                    scheduler.scheduleJob(trigger(spec).forJob(key).build());
                } else {
                    scheduler.rescheduleJob(tkey, trigger(spec).forJob(key).build());
                }
                if (paused) {
                    scheduler.pauseJob(key);
                }
                LOG.info("schedule {}/{} changed: {} ({})", group, spec.id(), spec.cron(), spec.zone());
            }
            for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group))) {
                if (!wanted.contains(key.getName())) {
                    scheduler.deleteJob(key);
                    LOG.info("schedule {}/{} removed (no longer configured)", group, key.getName());
                }
            }
        } catch (org.quartz.SchedulerException e) {
            throw new SchedulerException("cannot store the schedules: " + e.getMessage(), e);
        }
    }

    private static TriggerBuilder<CronTrigger> trigger(ScheduleSpec spec) {
        return TriggerBuilder.newTrigger().withIdentity(spec.id(), spec.group())
                .withSchedule(CronScheduleBuilder.cronSchedule(spec.cron()).inTimeZone(TimeZone.getTimeZone(spec.zone()))
                        .withMisfireHandlingInstructionFireAndProceed());
    }

    public List<ScheduleStatus> list() {
        try {
            List<ScheduleStatus> out = new ArrayList<>();
            for (String group : List.of(ScheduleSpec.POLLERS, ScheduleSpec.HOUSEKEEPING)) {
                List<JobKey> keys = new ArrayList<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group)));
                keys.sort(java.util.Comparator.comparing(JobKey::getName));
                for (JobKey key : keys) {
                    status(key).ifPresent(out::add);
                }
            }
            return out;
        } catch (org.quartz.SchedulerException e) {
            throw new SchedulerException("cannot read the schedules: " + e.getMessage(), e);
        }
    }

    public Optional<ScheduleStatus> status(String group, String id) {
        try {
            return status(JobKey.jobKey(id, group));
        } catch (org.quartz.SchedulerException e) {
            throw new SchedulerException("cannot read the schedule of " + id + ": " + e.getMessage(), e);
        }
    }

    private Optional<ScheduleStatus> status(JobKey key) throws org.quartz.SchedulerException {
        Trigger t = scheduler.getTrigger(TriggerKey.triggerKey(key.getName(), key.getGroup()));
        if (!(t instanceof CronTrigger ct)) {
            return Optional.empty();
        }
        boolean paused = scheduler.getTriggerState(t.getKey()) == Trigger.TriggerState.PAUSED;
        return Optional.of(new ScheduleStatus(key.getName(), key.getGroup(), ct.getCronExpression(), ct.getTimeZone().toZoneId(),
                paused || t.getNextFireTime() == null ? Optional.empty() : Optional.of(t.getNextFireTime().toInstant()),
                Optional.ofNullable(t.getPreviousFireTime()).map(java.util.Date::toInstant), paused));
    }

    public void pause(String group, String id) {
        change(group, id, "pause", k -> scheduler.pauseJob(k));
    }

    public void resume(String group, String id) {
        change(group, id, "resume", k -> scheduler.resumeJob(k));
    }

    /** Runs the job now (once), without changing its schedule. */
    public void trigger(String group, String id) {
        change(group, id, "trigger", k -> scheduler.triggerJob(k));
    }

    private interface Change {
        void apply(JobKey key) throws org.quartz.SchedulerException;
    }

    private void change(String group, String id, String what, Change change) {
        JobKey key = JobKey.jobKey(id, group);
        try {
            if (!scheduler.checkExists(key)) {
                throw new SchedulerException("no schedule '" + id + "'");
            }
            change.apply(key);
            LOG.info("schedule {}/{}: {}", group, id, what);
        } catch (org.quartz.SchedulerException e) {
            throw new SchedulerException("cannot " + what + " " + id + ": " + e.getMessage(), e);
        }
    }

    public static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + name + "' is not a time zone (e.g. UTC, America/Chicago, Europe/Berlin)");
        }
    }

    /** Stops firing; waits for running jobs to end. */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            scheduler.shutdown(true);
        } catch (org.quartz.SchedulerException e) {
            LOG.warn("the scheduler did not stop cleanly: {}", e.toString());
        }
    }
}
