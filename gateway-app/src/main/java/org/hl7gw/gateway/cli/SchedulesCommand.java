package org.hl7gw.gateway.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.gateway.config.ConfigLoader;
import org.hl7gw.gateway.config.GatewayConfig;
import org.hl7gw.ledger.JdbcPollerStatusStore;
import org.hl7gw.schedules.GatewayScheduler;
import org.hl7gw.schedules.ScheduleSpec;
import org.hl7gw.schedules.ScheduleStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway schedules list|pause|resume|trigger}: the pollers' and housekeeping schedules, while the service runs. */
@Command(name = "schedules", mixinStandardHelpOptions = true,
        description = "See and change the schedules of pollers and housekeeping jobs. Works while the service runs: "
                + "changes are written to the gateway's database, where the service's scheduler reads them.",
        subcommands = {SchedulesCommand.ListSchedules.class, SchedulesCommand.Pause.class, SchedulesCommand.Resume.class,
            SchedulesCommand.Trigger.class})
final class SchedulesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, pause, resume or trigger");
    }

    /** Where the database is: the configuration's data directory, or --data-dir. */
    static final class Where {
        @Option(names = "--config", paramLabel = "FILE", description = "The service's configuration (its dataDir is used).")
        Path config;

        @picocli.CommandLine.Mixin
        DataDirOption dataDir = new DataDirOption();

        Path dataDir() {
            if (config != null) {
                GatewayConfig cfg = new ConfigLoader().load(config);
                return cfg.dataDir();
            }
            return dataDir.path();
        }
    }

    private static GatewayScheduler standby(Workspace ws) {
        return GatewayScheduler.open(ws.database().dataSource(), ws.database().settings().url().startsWith("jdbc:postgresql:"), (g, id) -> {
            throw new IllegalStateException("a command never runs jobs");
        }, 1);
    }

    private static String groupOf(GatewayScheduler s, String id) {
        for (String group : List.of(ScheduleSpec.POLLERS, ScheduleSpec.HOUSEKEEPING)) {
            if (s.status(group, id).isPresent()) {
                return group;
            }
        }
        throw new UsageException("no schedule '" + id + "' (see 'gateway schedules list'); schedules are created when the service starts "
                + "with its configuration");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every schedule: id, cron and time zone, next run, last run and its outcome, paused or not, circuit breaker state.")
    static final class ListSchedules implements Callable<Integer> {
        private final Terminal terminal;
        @picocli.CommandLine.Mixin
        Where where = new Where();

        ListSchedules(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            try (Workspace ws = Workspace.openExisting(where.dataDir()); GatewayScheduler s = standby(ws)) {
                JdbcPollerStatusStore statuses = new JdbcPollerStatusStore(ws.database());
                List<ScheduleStatus> all = s.list();
                if (all.isEmpty()) {
                    terminal.out().println("no schedules yet: they are created when the service starts with its configuration");
                }
                Instant now = Instant.now();
                for (ScheduleStatus st : all) {
                    terminal.out().printf("%-24s %-12s %-18s %-16s next %s%s%n", st.id(), st.group(), "\"" + st.cron() + "\"", st.zone(),
                            st.paused() ? "-" : time(st.nextFire(), st.zone()), st.paused() ? "  PAUSED" : "");
                    if (st.group().equals(ScheduleSpec.POLLERS)) {
                        PollerStatus p = statuses.status(st.id());
                        terminal.out().printf("    last run %s: %s%s%n", time(p.lastRunStarted(), st.zone()),
                                p.lastOutcome().map(Enum::name).orElse("never ran"), p.lastMessage().isEmpty() ? "" : " - " + p.lastMessage());
                        terminal.out().printf("    circuit %s%s%n", p.circuitOpen(now) ? "OPEN until " + time(p.circuitOpenUntil(), st.zone()) : "closed",
                                p.consecutiveFailures() > 0 ? " (" + p.consecutiveFailures() + " failed run(s) in a row)" : "");
                    } else {
                        st.previousFire().ifPresent(t -> terminal.out().println("    last run " + time(Optional.of(t), st.zone())));
                    }
                }
                return ExitCodes.OK;
            }
        }
    }

    /** pause, resume and trigger: find the schedule, change it, say what happened. */
    abstract static class Change implements Callable<Integer> {
        private final Terminal terminal;
        @Parameters(index = "0", paramLabel = "ID")
        String id;
        @picocli.CommandLine.Mixin
        Where where = new Where();

        Change(Terminal terminal) {
            this.terminal = terminal;
        }

        abstract String apply(GatewayScheduler scheduler, String group);

        @Override
        public Integer call() {
            try (Workspace ws = Workspace.openExisting(where.dataDir()); GatewayScheduler s = standby(ws)) {
                terminal.out().println(apply(s, groupOf(s, id)));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop a schedule from firing until resumed.")
    static final class Pause extends Change {
        Pause(Terminal terminal) {
            super(terminal);
        }

        @Override
        String apply(GatewayScheduler s, String group) {
            s.pause(group, id);
            return id + " paused";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused schedule fire again.")
    static final class Resume extends Change {
        Resume(Terminal terminal) {
            super(terminal);
        }

        @Override
        String apply(GatewayScheduler s, String group) {
            s.resume(group, id);
            ScheduleStatus st = s.status(group, id).orElseThrow();
            return id + " resumed; next run " + time(st.nextFire(), st.zone());
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Run a schedule's job now (once) in the service, without changing its schedule.")
    static final class Trigger extends Change {
        Trigger(Terminal terminal) {
            super(terminal);
        }

        @Override
        String apply(GatewayScheduler s, String group) {
            s.trigger(group, id);
            return id + " triggered: the running service runs it within a few seconds (see 'gateway schedules list')";
        }
    }

    static String time(Optional<Instant> t, ZoneId zone) {
        return t.map(i -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.atZone(zone).withNano(0))).orElse("-");
    }
}
