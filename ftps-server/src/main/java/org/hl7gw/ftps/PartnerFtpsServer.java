package org.hl7gw.ftps;

import java.util.Locale;
import java.util.Objects;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.listener.Listener;
import org.hl7gw.core.partner.PartnerDirectory;
import org.hl7gw.core.partner.UploadHandler;
import org.hl7gw.ftps.internal.ServerAssembly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FTPS server partners upload their batch files to (Apache FtpServer underneath).
 *
 * <p>What a partner gets: a password login over TLS only (explicit {@code AUTH TLS} or implicit), protected
 * data connections only ({@code PROT P}), passive mode only, and a jail with {@code /inbox} (write) and
 * {@code /outbox} (read, delete) in which symbolic links do not exist. What the gateway gets: a call to
 * {@link UploadHandler#uploaded} for each upload that really completed, and {@link UploadHandler#interrupted}
 * for each that did not.
 *
 * <p>Pitfall (the reason for most of the internals): the JDK reports a TCP close without a TLS
 * {@code close_notify} as a normal end of stream, so with a stock Apache FtpServer a client killed during an
 * upload leaves a truncated file that looks complete (226). This server fails such a transfer instead (426)
 * and reports it as interrupted. A client that stops an upload on purpose but still closes TLS cleanly
 * (curl's {@code --max-time}) cannot be told from a complete one by any FTPS server: stream-mode FTP carries
 * no length; the batch splitter's trailer counts catch such files downstream.
 *
 * <p>The configuration (certificate, key, settings) is checked when the object is built, before anything
 * binds.
 */
public final class PartnerFtpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerFtpsServer.class);

    private final FtpsServerSettings settings;
    private final FtpServer server;
    private final Listener listener;
    private boolean started;

    /**
     * @throws org.hl7gw.core.ConfigurationException when the certificate chain or key file cannot be used
     */
    public PartnerFtpsServer(FtpsServerSettings settings, PartnerDirectory directory, UploadHandler handler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        ServerAssembly.Assembled assembled = ServerAssembly.assemble(settings,
                Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(handler, "handler"));
        this.server = assembled.server();
        this.listener = assembled.listener();
    }

    /**
     * Binds the control port and starts accepting partners.
     *
     * @throws FtpsServerException when the address cannot be bound
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the FTPS server has already been started");
        }
        try {
            server.start();
        } catch (FtpException | RuntimeException e) {
            throw new FtpsServerException("cannot start the FTPS server on " + settings.bindAddress() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        started = true;
        LOG.info("FTPS server ({} TLS, {}) listening on {}:{}, passive ports {}", settings.mode().name().toLowerCase(Locale.ROOT),
                settings.protocols(), settings.bindAddress(), port(), settings.passivePorts());
    }

    /** The bound control port (the free port picked when the settings say 0). */
    public synchronized int port() {
        if (!started) {
            throw new IllegalStateException("the FTPS server has not been started");
        }
        return listener.getPort();
    }

    /** Stops listening and closes all sessions; running uploads fail and are reported as interrupted. */
    @Override
    public synchronized void close() {
        if (started && !server.isStopped()) {
            server.stop();
            LOG.info("FTPS server on port {} stopped", listener.getPort());
        }
    }
}
