package org.hl7gw.schedules;

/** What a scheduled job does: the application runs the poller or housekeeping task with that id. */
@FunctionalInterface
public interface JobRunner {

    /**
     * Runs one job. An exception is logged (without file content) and the job runs again at its next time.
     *
     * @param group pollers or housekeeping
     * @param id the job's id
     */
    void run(String group, String id) throws Exception;
}
