package org.hl7gw.gateway.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.gateway.config.GatewayConfig;
import org.hl7gw.gateway.config.PollerConfig;
import org.hl7gw.gateway.intake.IntakePipeline;
import org.hl7gw.ledger.JdbcPollClaims;
import org.hl7gw.ledger.JdbcPollerStatusStore;
import org.hl7gw.ledger.LedgerRetention;
import org.hl7gw.poller.PollReport;
import org.hl7gw.poller.Poller;
import org.hl7gw.schedules.GatewayScheduler;
import org.hl7gw.schedules.ScheduleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's scheduled work on Quartz: each configured poller on its cron schedule, and the housekeeping
 * jobs: {@code lane-sweeper} (every minute: wakes every lane, so messages left PENDING by a restart or a
 * rerun from the command line are picked up, and resumes lanes whose halt an operator cleared) and
 * {@code retention} (when configured). Schedules are synchronised with the configuration at start.
 */
final class Scheduling implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduling.class);
    static final String LANE_SWEEPER = "lane-sweeper";
    static final String RETENTION = "retention";

    private final GatewayConfig config;
    private final Workspace workspace;
    private final Lanes lanes;
    private final Clock clock;
    private final Map<String, Poller> pollers = new LinkedHashMap<>();
    private GatewayScheduler scheduler;

    Scheduling(GatewayConfig config, Workspace workspace, IntakePipeline pipeline, Lanes lanes, Clock clock) throws IOException {
        this.config = config;
        this.workspace = workspace;
        this.lanes = lanes;
        this.clock = clock;
        JdbcPollClaims claims = new JdbcPollClaims(workspace.database(), clock, Duration.ofMinutes(30));
        JdbcPollerStatusStore statuses = new JdbcPollerStatusStore(workspace.database());
        for (PollerConfig p : config.pollers()) {
            Path work = Files.createDirectories(workspace.dataDir().resolve("work").resolve("poll").resolve(p.id()));
            pollers.put(p.id(), new Poller(p.settings(), claims, statuses, pipeline, work, clock));
        }
    }

    void start() {
        scheduler = GatewayScheduler.open(workspace.database().dataSource(), postgres(), this::run, Math.max(2, pollers.size() + 2));
        List<ScheduleSpec> specs = new ArrayList<>();
        config.pollers().forEach(p -> specs.add(p.schedule()));
        scheduler.sync(ScheduleSpec.POLLERS, specs);
        List<ScheduleSpec> housekeeping = new ArrayList<>();
        housekeeping.add(new ScheduleSpec(LANE_SWEEPER, ScheduleSpec.HOUSEKEEPING, "0 * * * * ?", ZoneOffset.UTC));
        config.retention().ifPresent(r -> housekeeping.add(r.schedule()));
        scheduler.sync(ScheduleSpec.HOUSEKEEPING, housekeeping);
        scheduler.start();
        scheduler.list().forEach(s -> LOG.info("schedule {}/{}: {} ({}), next {}", s.group(), s.id(), s.cron(), s.zone(),
                s.nextFire().map(Object::toString).orElse(s.paused() ? "paused" : "-")));
    }

    private boolean postgres() {
        return workspace.database().settings().url().startsWith("jdbc:postgresql:");
    }

    private void run(String group, String id) throws IOException {
        if (group.equals(ScheduleSpec.POLLERS)) {
            PollReport r = poll(id);
            LOG.info("poller {}: {} ({} taken, {} skipped, {} failed)", id, r.outcome(), r.taken().size(), r.skipped().size(), r.failed().size());
        } else if (id.equals(LANE_SWEEPER)) {
            lanes.supervise();
            lanes.wakeAll();
        } else if (id.equals(RETENTION)) {
            Duration keep = config.retention().orElseThrow().keepFor();
            new LedgerRetention(workspace.database(), workspace.archive()).purgeFinishedBefore(clock.instant().minus(keep));
        }
    }

    PollReport poll(String id) {
        Poller p = pollers.get(id);
        if (p == null) {
            throw new ConfigurationException("pollers", "no poller '" + id + "' in the configuration");
        }
        return p.run();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
