package org.hl7gw.gateway.service;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.hl7gw.core.intake.FileSource;
import org.hl7gw.core.intake.IncomingFile;
import org.hl7gw.core.intake.IntakeReceipt;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.UploadHandler;
import org.hl7gw.gateway.config.PartnerConfig;
import org.hl7gw.gateway.intake.IntakePipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes completed uploads out of partners' inboxes: the file is moved at once (atomically) into the intake
 * folder, so the partner sees it leave the inbox and cannot change it any more, then recorded and processed.
 * Each partner's files are taken one after another in upload order; partners do not wait for each other.
 */
final class UploadIntake implements UploadHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UploadIntake.class);

    private final Map<String, PartnerConfig> partners;
    private final Map<String, List<PathMatcher>> patterns = new ConcurrentHashMap<>();
    private final IntakePipeline pipeline;
    private final ResultWatcher results;
    private final Path incoming;
    private final ExecutorService pool;
    private final Map<String, SerialQueue> queues = new ConcurrentHashMap<>();

    UploadIntake(Map<String, PartnerConfig> partners, IntakePipeline pipeline, ResultWatcher results, Path incoming, ExecutorService pool)
            throws IOException {
        this.partners = partners;
        this.pipeline = pipeline;
        this.results = results;
        this.incoming = Files.createDirectories(incoming);
        this.pool = pool;
        for (PartnerConfig p : partners.values()) {
            patterns.put(p.id(), p.files().stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList());
        }
    }

    @Override
    public void uploaded(PartnerAccount account, Path file, String protocol) {
        PartnerConfig partner = partners.get(account.partnerId());
        if (partner == null) {
            log.warn("upload {} by unknown partner {} ignored", file.getFileName(), account.partnerId());
            return;
        }
        Path name = file.getFileName();
        if (patterns.get(partner.id()).stream().noneMatch(m -> m.matches(name))) {
            log.info("{} upload {} by {} does not match its file patterns {}; left in the inbox", protocol, name, partner.id(), partner.files());
            return;
        }
        Path taken = incoming.resolve(partner.id() + "-" + UUID.randomUUID() + ".upload");
        try {
            move(file, taken);
        } catch (IOException e) {
            log.warn("{} upload {} by {} could not be taken from the inbox: {}", protocol, name, partner.id(), e.toString());
            return;
        }
        log.info("{} upload {} by {} taken ({} bytes)", protocol, name, partner.id(), sizeOf(taken));
        queues.computeIfAbsent(partner.id(), id -> new SerialQueue(pool)).submit(() -> take(partner, taken, name.toString()));
    }

    @Override
    public void interrupted(PartnerAccount account, Path file, String protocol, long bytes) {
        log.warn("{} upload {} by {} was interrupted after {} bytes; it stays in the inbox for the partner to resume or replace",
                protocol, file.getFileName(), account.partnerId(), bytes);
    }

    private void take(PartnerConfig partner, Path file, String name) {
        try {
            IntakeReceipt r = pipeline.accept(new IncomingFile(FileSource.partner(partner.id()), name, file));
            Files.deleteIfExists(file);
            results.watch(partner, r.fileId());
        } catch (IOException | RuntimeException e) {
            // not recorded: the file stays in the intake folder and is taken again at the next start
            log.error("upload {} by {} could not be recorded ({}); kept at {} and retried at the next start", name, partner.id(), e.toString(), file);
        }
    }

    /** Files left in the intake folder by a crash before they were recorded. */
    void resume() {
        try (var s = Files.list(incoming)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".upload")).sorted().toList()) {
                String fileName = f.getFileName().toString();
                String partnerId = partners.keySet().stream().filter(id -> fileName.startsWith(id + "-")).findFirst().orElse(null);
                if (partnerId == null) {
                    log.warn("{} in the intake folder belongs to no configured partner; left alone", f);
                    continue;
                }
                log.info("taking in {} left by an earlier run", f.getFileName());
                queues.computeIfAbsent(partnerId, id -> new SerialQueue(pool)).submit(() -> take(partners.get(partnerId), f, "recovered-" + fileName));
            }
        } catch (IOException e) {
            log.warn("cannot list the intake folder {}: {}", incoming, e.toString());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // the partner home is on another file system: copy, then remove
            Files.copy(from, to);
            Files.delete(from);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Waits for the files being taken in. */
    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
    }

    /** Runs tasks one after another on a shared pool. */
    private static final class SerialQueue {
        private final ExecutorService pool;
        private final java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        private boolean running;

        SerialQueue(ExecutorService pool) {
            this.pool = pool;
        }

        synchronized void submit(Runnable task) {
            tasks.add(task);
            if (!running) {
                running = true;
                pool.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                next.run();
            }
        }
    }
}
