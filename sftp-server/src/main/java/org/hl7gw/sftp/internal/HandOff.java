package org.hl7gw.sftp.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.UploadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the {@link UploadHandler} on a thread of its own, in the order the outcomes were decided. The SFTP session
 * thread only queues the call, so its reply to the client's CLOSE or RENAME never waits for the handler, and no
 * MINA lock is held while the handler runs. A handler that throws is logged and does not stop later calls.
 */
public final class HandOff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HandOff.class);
    static final String PROTOCOL = "sftp";

    private final UploadHandler handler;
    private final ExecutorService executor;

    public HandOff(UploadHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hl7gw-sftp-handoff");
            t.setDaemon(true);
            return t;
        });
    }

    void uploaded(PartnerAccount account, Path file, long bytes) {
        LOG.info("partner {}: upload complete: {} ({} bytes)", account.partnerId(), file.getFileName(), bytes);
        submit(() -> handler.uploaded(account, file, PROTOCOL), "uploaded", file);
    }

    void interrupted(PartnerAccount account, Path file, long bytes) {
        LOG.warn("partner {}: upload interrupted: {} holds {} bytes; it stays in the inbox for the partner to resume or "
                + "replace and is not processed", account.partnerId(), file.getFileName(), bytes);
        submit(() -> handler.interrupted(account, file, PROTOCOL, bytes), "interrupted", file);
    }

    private void submit(Runnable call, String what, Path file) {
        try {
            executor.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.error("the upload handler failed on {} for {}", what, file, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the server is stopping and a session thread reports late: tell the handler on this thread
            try {
                call.run();
            } catch (RuntimeException failed) {
                LOG.error("the upload handler failed on {} for {}", what, file, failed);
            }
        }
    }

    /** Stops taking new calls and waits a little for the queued ones. */
    public void close(Duration wait) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the upload handler did not finish within {}", wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
