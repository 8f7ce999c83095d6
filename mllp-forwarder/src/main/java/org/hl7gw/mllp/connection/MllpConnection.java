package org.hl7gw.mllp.connection;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7gw.core.ControlId;
import org.hl7gw.mllp.ack.Ack;
import org.hl7gw.mllp.ack.AckParser;
import org.hl7gw.mllp.ack.InvalidAckException;
import org.hl7gw.mllp.frame.ConnectionClosedException;
import org.hl7gw.mllp.frame.CorruptFrameException;
import org.hl7gw.mllp.frame.EndOfData;
import org.hl7gw.mllp.frame.FrameTooLongException;
import org.hl7gw.mllp.frame.MllpFrameReader;
import org.hl7gw.mllp.frame.MllpFrameWriter;
import org.hl7gw.mllp.frame.UnframeableMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open MLLP connection: sends a message, waits for its acknowledgement. Opened by {@link MllpConnector}.
 *
 * <p>{@link #exchange} writes one frame and reads frames until one acknowledges the message's control ID.
 * An acknowledgement of another control ID (a late ACK of an earlier message, or a stray) is discarded and
 * logged at WARN with both control IDs; it is never taken as this message's ACK.
 *
 * <p>The ACK timeout is one deadline for the whole exchange (the write, then every frame read, stray ACKs
 * included). It is enforced by the connector's watchdog, which closes the connection of a late exchange
 * (within {@value ExchangeWatchdog#TICK_MILLIS} ms of the deadline); reads and writes themselves block, with
 * no SO_TIMEOUT, which keeps the JDK socket in blocking mode: one read system call per ACK.
 *
 * <p>After any exception from {@link #exchange} the connection is broken: it is closed at once and refuses
 * further use, so a late ACK meant for the failed exchange can never be read by the next one. Open a new
 * connection instead.
 *
 * <p>One thread exchanges at a time; {@link #close()} and {@link #abort()} may be called from any thread.
 */
public final class MllpConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MllpConnection.class);

    private final MllpEndpoint endpoint;
    private final Socket socket;
    private final String protocol;
    private static final int IDLE = 0;
    private static final int EXCHANGING = 1;
    private static final int TIMED_OUT = 2;

    private final MllpFrameReader reader;
    private final MllpFrameWriter writer;
    private final ExchangeWatchdog watchdog;
    private final AtomicInteger phase = new AtomicInteger(IDLE);
    private volatile long deadline;
    private volatile boolean broken;
    private volatile boolean aborted;

    MllpConnection(MllpEndpoint endpoint, Socket socket, String protocol, int maxAckLength, EndOfData endOfData, ExchangeWatchdog watchdog)
            throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.protocol = protocol;
        this.watchdog = watchdog;
        this.reader = new MllpFrameReader(socket.getInputStream(), maxAckLength, endOfData);
        // no BufferedOutputStream: the writer assembles each frame (up to 64 KiB) itself and writes it at once
        this.writer = new MllpFrameWriter(socket.getOutputStream());
    }

    public MllpEndpoint endpoint() {
        return endpoint;
    }

    /** "TCP", or the TLS protocol and cipher suite negotiated. */
    public String protocol() {
        return protocol;
    }

    /** True once an exchange failed or the connection was closed: it must not be used again. */
    public boolean isBroken() {
        return broken;
    }

    /**
     * Sends the message and waits for its acknowledgement.
     *
     * @param message the message bytes (segments ending in CR), without framing
     * @param controlId the message's MSH-10: the ACK's MSA-2 must equal it
     * @param ackTimeout the total time for writing the message and reading its ACK (stray ACKs included)
     * @return the ACK whose MSA-2 equals {@code controlId}, whatever its code
     * @throws AckTimeoutException when no such ACK arrived within the timeout
     * @throws ConnectionFailedException when the connection was refused, reset or closed, or a write failed
     * @throws InvalidAckException when a frame came back that is not a readable acknowledgement
     * @throws UnframeableMessageException when the message contains a framing byte (nothing was sent; the
     *     connection stays usable)
     * @throws IllegalStateException when the connection is broken
     */
    public Ack exchange(byte[] message, ControlId controlId, Duration ackTimeout) {
        Objects.requireNonNull(controlId, "controlId");
        if (broken) {
            throw new IllegalStateException("the connection to " + endpoint + " is broken; open a new one");
        }
        deadline = System.nanoTime() + ackTimeout.toNanos();
        phase.set(EXCHANGING);
        boolean written = false;
        try {
            writer.write(message);
            written = true;
            while (true) {
                Ack ack = AckParser.parse(reader.readFrame());
                if (ack.acknowledges(controlId)) {
                    return ack;
                }
                log.warn("{}: discarded an ACK ({}) for control ID {} while waiting for the ACK of control ID {}",
                        endpoint, ack.code(), ack.acknowledgedControlId(), controlId);
                if (System.nanoTime() - deadline > 0) {
                    breakConnection();
                    throw new AckTimeoutException(controlId, ackTimeout, "no ACK");
                }
            }
        } catch (IOException | ConnectionClosedException e) {
            breakConnection();
            if (phase.get() == TIMED_OUT) {
                throw new AckTimeoutException(controlId, ackTimeout, written ? "no ACK" : "the peer did not take the message (write blocked)");
            }
            if (aborted) {
                throw new ConnectionFailedException(endpoint, "the connection was aborted while waiting for the ACK of control ID " + controlId);
            }
            throw new ConnectionFailedException(endpoint, "exchange of control ID " + controlId + " with", e);
        } catch (FrameTooLongException e) {
            breakConnection();
            throw new InvalidAckException(InvalidAckException.Reason.FRAME_TOO_LONG, e.getMessage(), e);
        } catch (CorruptFrameException e) {
            breakConnection();
            throw new InvalidAckException(InvalidAckException.Reason.BAD_FRAMING, e.getMessage(), e);
        } catch (InvalidAckException | AckTimeoutException e) {
            breakConnection();
            throw e;
        } catch (UnframeableMessageException e) {
            throw e; // refused before a byte was written: the connection is still good
        } catch (RuntimeException e) {
            breakConnection();
            throw e;
        } finally {
            phase.compareAndSet(EXCHANGING, IDLE);
        }
    }

    /** Called by the watchdog: closes the connection when an exchange has passed its deadline. */
    void abortIfLate(long now) {
        if (phase.get() == EXCHANGING && now - deadline > 0 && phase.compareAndSet(EXCHANGING, TIMED_OUT)) {
            breakConnection();
        }
    }

    /** Closes the connection from any thread; an exchange in progress fails with {@link ConnectionFailedException}. */
    public void abort() {
        aborted = true;
        breakConnection();
    }

    @Override
    public void close() {
        breakConnection();
    }

    private void breakConnection() {
        broken = true;
        watchdog.unregister(this);
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing the connection to {}: {}", endpoint, e.toString());
        }
    }

    @Override
    public String toString() {
        return "MllpConnection[" + endpoint + ", " + protocol + (broken ? ", broken" : "") + "]";
    }
}
