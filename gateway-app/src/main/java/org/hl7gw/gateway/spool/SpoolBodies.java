package org.hl7gw.gateway.spool;

import java.io.IOException;
import java.util.Objects;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.OutboundMessage;
import org.hl7gw.core.port.MessageBodies;

/**
 * Gives a lane the exact bytes of each message from the spool, checked against the SHA-256 the ledger
 * recorded. When a file's spool is missing or does not match, it is rebuilt once from the archived original
 * (see {@code IntakePipeline.rebuildSpool}); if the bytes still differ the message is not sent.
 */
public final class SpoolBodies implements MessageBodies {

    /** Rebuilds the spool of one file from its archived original. */
    @FunctionalInterface
    public interface Rebuilder {
        void rebuild(long fileId) throws IOException;
    }

    private final MessageSpool spool;
    private final Rebuilder rebuilder;

    public SpoolBodies(MessageSpool spool, Rebuilder rebuilder) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.rebuilder = Objects.requireNonNull(rebuilder, "rebuilder");
    }

    @Override
    public byte[] body(OutboundMessage m) throws IOException {
        if (!spool.exists(m.fileId())) {
            rebuilder.rebuild(m.fileId());
        }
        byte[] body = read(m);
        if (body == null) {
            rebuilder.rebuild(m.fileId());
            body = read(m);
            if (body == null) {
                throw new IOException("message " + m.seq() + " of file " + m.fileId() + " (control ID " + m.controlId()
                        + ") does not match the SHA-256 the ledger recorded, even after rebuilding it from the archive");
            }
        }
        return body;
    }

    /** The bytes when they match the ledger, else null. */
    private byte[] read(OutboundMessage m) throws IOException {
        byte[] body;
        try {
            body = spool.read(m.fileId(), m.bodyOffset(), m.length());
        } catch (IOException e) {
            return null;
        }
        return Sha256.of(body).equals(m.sha256()) ? body : null;
    }
}
