package org.hl7gw.ledger;

import java.time.Instant;
import java.util.Objects;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.core.delivery.MessageStatus;

/**
 * A message as the ledger knows it.
 *
 * @param attempts attempts over its whole life (reruns keep counting)
 * @param ackCode the last ACK code read, or null
 * @param error why its last run did not deliver it, or null; kept when a rerun makes it PENDING again
 * @param settledAt when it got its final status, null while PENDING
 */
public record MessageRecord(
        long id,
        long fileId,
        int seq,
        int batchNo,
        ControlId controlId,
        String messageType,
        String sendingApplication,
        String sendingFacility,
        MessageStatus status,
        int attempts,
        AckCode ackCode,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant settledAt,
        int length,
        Sha256 sha256,
        long bodyOffset) {

    public MessageRecord {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sha256, "sha256");
    }
}
