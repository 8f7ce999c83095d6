package org.hl7gw.schedules.internal;

import org.hl7gw.schedules.JobRunner;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Quartz job class: a thin adapter that reads the job's group and id and calls the application's
 * {@link JobRunner}. Runs of the same job never overlap (a slow poll run delays the next one).
 */
@DisallowConcurrentExecution
public final class RunnerJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerJob.class);
    private final JobRunner runner;

    public RunnerJob(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String group = context.getJobDetail().getKey().getGroup();
        String id = context.getJobDetail().getKey().getName();
        try {
            runner.run(group, id);
        } catch (Exception e) {
            LOG.warn("scheduled job {}/{} failed: {}", group, id, e.toString());
            throw new JobExecutionException(e, false);
        }
    }
}
