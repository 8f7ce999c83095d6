package org.hl7gw.mllp.connection;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open MLLP connection: sends a message, waits for its acknowledgement. Opened by {@link MllpConnector}.
 *
 * <p>{@link #exchange} writes one frame and reads frames until one acknowledges the message's control ID.
 * An acknowledgement of another control ID (a late ACK of an earlier message, or a stray) is discarded and
 * logged at WARN with both control IDs; it is never taken as this message's ACK.
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
    private final DeadlineInputStream in;
    private final MllpFrameReader reader;
    private final MllpFrameWriter writer;
    private final WriteWatchdog watchdog;
    private volatile boolean broken;
    private volatile boolean aborted;
    private volatile boolean writeTimedOut;
    private volatile long writeDeadline;
    private volatile boolean writing;

    MllpConnection(MllpEndpoint endpoint, Socket socket, String protocol, int maxAckLength, EndOfData endOfData, WriteWatchdog watchdog)
            throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.protocol = protocol;
        this.watchdog = watchdog;
        this.in = new DeadlineInputStream(socket, socket.getInputStream());
        this.reader = new MllpFrameReader(in, maxAckLength, endOfData);
        this.writer = new MllpFrameWriter(new BufferedOutputStream(socket.getOutputStream(), MllpFrameWriter.COALESCE_LIMIT));
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
     * @throws org.hl7gw.mllp.frame.UnframeableMessageException when the message cannot be framed (nothing was
     *     sent; the connection stays usable)
     * @throws IllegalStateException when the connection is broken
     */
    public Ack exchange(byte[] message, ControlId controlId, Duration ackTimeout) {
        Objects.requireNonNull(controlId, "controlId");
        if (broken) {
            throw new IllegalStateException("the connection to " + endpoint + " is broken; open a new one");
        }
        int bad = MllpFrameWriter.indexOfFramingByte(message);
        if (bad >= 0) {
            throw new org.hl7gw.mllp.frame.UnframeableMessageException(bad, message[bad]);
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            write(message, deadline);
            in.deadline(deadline);
            while (true) {
                Ack ack = AckParser.parse(reader.readFrame());
                if (ack.acknowledges(controlId)) {
                    return ack;
                }
                log.warn("{}: discarded an ACK ({}) for control ID {} while waiting for the ACK of control ID {}",
                        endpoint, ack.code(), ack.acknowledgedControlId(), controlId);
            }
        } catch (SocketTimeoutException e) {
            breakConnection();
            throw new AckTimeoutException(controlId, ackTimeout, "no ACK");
        } catch (IOException | ConnectionClosedException e) {
            breakConnection();
            if (writeTimedOut) {
                throw new AckTimeoutException(controlId, ackTimeout, "the peer did not take the message (write blocked)");
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
        } catch (InvalidAckException e) {
            breakConnection();
            throw e;
        } catch (RuntimeException e) {
            breakConnection();
            throw e;
        }
    }

    private void write(byte[] message, long deadline) throws IOException {
        writeDeadline = deadline;
        writing = true;
        try {
            writer.write(message);
        } finally {
            writing = false;
        }
    }

    boolean writeIsLate(long now) {
        return writing && now - writeDeadline > 0;
    }

    void abortLateWrite() {
        writeTimedOut = true;
        breakConnection();
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
