package org.hl7gw.core.delivery;

import java.util.Objects;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Sha256;

/**
 * A message waiting in a lane: everything the lane needs to send it and to report the outcome, without its
 * bytes (read through {@link org.hl7gw.core.port.MessageBodies} just before it is sent).
 *
 * @param messageId ledger id of the message
 * @param fileId ledger id of the file it came in
 * @param seq 1-based position of the message in its file
 * @param controlId MSH-10 as sent; the ACK's MSA-2 must equal it
 * @param attempts attempts already recorded for it (by earlier runs)
 * @param length size of the message in bytes
 * @param bodyOffset where the bytes sit in the gateway's work spool, -1 when the body store does not need it
 * @param sha256 SHA-256 of the exact bytes to send, as the ledger recorded it; null when the body store does
 *               not check it
 */
public record OutboundMessage(long messageId, long fileId, int seq, ControlId controlId, int attempts, int length, long bodyOffset,
                              Sha256 sha256) {
    public OutboundMessage {
        Objects.requireNonNull(controlId, "controlId");
        if (seq < 1) {
            throw new IllegalArgumentException("seq is 1-based: " + seq);
        }
    }

    /** For body stores that find a message by its ids alone (tests, in-memory stores). */
    public OutboundMessage(long messageId, long fileId, int seq, ControlId controlId, int attempts, int length) {
        this(messageId, fileId, seq, controlId, attempts, length, -1, null);
    }

    public QueuePosition position() {
        return new QueuePosition(fileId, seq);
    }
}
