package org.hl7gw.gateway.service;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.intake.SourceKind;
import org.hl7gw.ftps.PartnerFtpsServer;
import org.hl7gw.gateway.app.Workspace;
import org.hl7gw.gateway.config.GatewayConfig;
import org.hl7gw.gateway.config.PartnerConfig;
import org.hl7gw.gateway.intake.IntakePipeline;
import org.hl7gw.gateway.intake.IntakeRoute;
import org.hl7gw.gateway.partners.ConfiguredPartners;
import org.hl7gw.gateway.spool.SpoolBodies;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.ledger.JournalSettings;
import org.hl7gw.mllp.LaneOptions;
import org.hl7gw.mllp.LaneStatus;
import org.hl7gw.sftp.PartnerSftpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running gateway ({@code gateway run}): the partners' SFTP and FTPS servers, the intake pipeline,
 * one forwarder lane per destination, and the housekeeping that writes partners' results and resumes lanes
 * an operator's rerun released. At start it resumes unfinished work from the ledger.
 *
 * <p>{@link #close()} (SIGTERM) stops taking uploads, lets the files being taken in and each lane's in-flight
 * message finish, flushes the ledger and releases the database; what was not sent stays PENDING.
 */
public final class GatewayService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayService.class);

    private final GatewayConfig config;
    private final Clock clock;
    private Workspace workspace;
    private Lanes lanes;
    private UploadIntake uploads;
    private PartnerSftpServer sftp;
    private PartnerFtpsServer ftps;
    private ScheduledExecutorService housekeeping;
    private IntakePipeline pipeline;
    private ResultWatcher results;
    private Scheduling scheduling;
    private boolean closed;

    public GatewayService(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Starts everything; on any failure, stops what was started and rethrows. */
    public synchronized void start(PrintStream out) throws IOException {
        try {
            workspace = Workspace.open(config.dataDir(), config.ledger());
            Map<String, PartnerConfig> partners = new LinkedHashMap<>();
            config.partners().forEach(p -> partners.put(p.id(), p));
            Function<FileSource, IntakeRoute> routes = new org.hl7gw.gateway.config.Routes(config);

            lanes = new Lanes(workspace);
            pipeline = new IntakePipeline(workspace.archive(), workspace.ledger(), workspace.spool(), routes, d -> lanes.wake(d), clock);
            SpoolBodies bodies = new SpoolBodies(workspace.spool(), fileId -> {
                FileRecord f = workspace.ledger().file(fileId).orElseThrow();
                pipeline.rebuildSpool(f, routes.apply(f.source()));
            });
            lanes.start(config.destinations(), bodies, JournalSettings.DEFAULTS, LaneOptions.defaults());

            int resumed = pipeline.resume();
            if (resumed > 0) {
                log.info("resumed the intake of {} file(s) a restart had cut short", resumed);
            }
            results = new ResultWatcher(workspace.ledger(), new PartnerResults(workspace.ledger(), clock));
            watchUnfinishedPartnerFiles(partners);
            uploads = new UploadIntake(partners, pipeline, results, workspace.dataDir().resolve("work").resolve("incoming"),
                    Executors.newFixedThreadPool(4, daemon("intake")));
            uploads.resume();

            scheduling = new Scheduling(config, workspace, pipeline, lanes, clock);
            scheduling.start();

            housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("housekeeping"));
            housekeeping.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);

            ConfiguredPartners directory = new ConfiguredPartners(config.partners());
            for (PartnerConfig p : config.partners()) {
                Files.createDirectories(p.account().inbox());
                Files.createDirectories(p.account().outbox());
            }
            if (config.sftp().isPresent()) {
                sftp = new PartnerSftpServer(config.sftp().get(), directory, uploads);
                sftp.start();
                out.println("SFTP server listening on " + config.sftp().get().bindAddress() + ":" + sftp.port());
                sftp.hostKeyFingerprints().forEach(fp -> out.println("  host key " + fp));
            }
            if (config.ftps().isPresent()) {
                ftps = new PartnerFtpsServer(config.ftps().get(), directory, uploads);
                ftps.start();
                out.println("FTPS server (" + config.ftps().get().mode().name().toLowerCase() + " TLS) listening on "
                        + config.ftps().get().bindAddress() + ":" + ftps.port());
            }
            out.println("gateway running: " + config.partners().size() + " partner(s), " + config.destinations().size()
                    + " destination(s), data in " + workspace.dataDir());
            out.flush();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void watchUnfinishedPartnerFiles(Map<String, PartnerConfig> partners) {
        for (var status : List.of(org.hl7gw.core.delivery.FileStatus.QUEUED, org.hl7gw.core.delivery.FileStatus.FAILED)) {
            for (FileRecord f : workspace.ledger().files(org.hl7gw.ledger.FileQuery.newest(status, org.hl7gw.ledger.FileQuery.MAX_LIMIT))) {
                if (f.source().kind() == SourceKind.PARTNER && partners.containsKey(f.source().id())) {
                    results.watch(partners.get(f.source().id()), f.id());
                }
            }
        }
    }

    private void tick() {
        try {
            lanes.supervise();
            results.tick();
            removeSettledSpools();
        } catch (RuntimeException e) {
            log.warn("housekeeping: {}", e.toString());
        }
    }

    private void removeSettledSpools() {
        try (var s = Files.list(workspace.dataDir().resolve("work").resolve("spool"))) {
            for (var p : s.filter(f -> f.getFileName().toString().endsWith(".msgs")).toList()) {
                long id = Long.parseLong(p.getFileName().toString().replace(".msgs", ""));
                Optional<FileRecord> f = workspace.ledger().file(id);
                if (f.isEmpty() || f.get().settled()) {
                    workspace.spool().delete(id);
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("spool cleanup: {}", e.toString());
        }
    }

    public Optional<Integer> sftpPort() {
        return Optional.ofNullable(sftp).map(PartnerSftpServer::port);
    }

    public Optional<Integer> ftpsPort() {
        return Optional.ofNullable(ftps).map(PartnerFtpsServer::port);
    }

    public Optional<List<String>> hostKeyFingerprints() {
        return Optional.ofNullable(sftp).map(PartnerSftpServer::hostKeyFingerprints);
    }

    public List<LaneStatus> laneStatuses() {
        return lanes == null ? List.of() : lanes.statuses();
    }

    /** Runs one poller now, in the caller's thread (tests, {@code poll --once}). */
    public org.hl7gw.poller.PollReport poll(String pollerId) {
        return scheduling.poll(pollerId);
    }

    public Workspace workspace() {
        return workspace;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("gateway stopping: no new uploads; letting in-flight work finish");
        closeQuietly("sftp server", sftp);
        closeQuietly("ftps server", ftps);
        closeQuietly("scheduler", scheduling);
        if (uploads != null) {
            try {
                uploads.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        closeQuietly("lanes", lanes);
        if (results != null) {
            results.tick();
        }
        closeQuietly("workspace", workspace);
        log.info("gateway stopped");
    }

    private static void closeQuietly(String what, AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn("stopping the {}: {}", what, e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, "hl7gw-" + name);
            t.setDaemon(true);
            return t;
        };
    }
}
