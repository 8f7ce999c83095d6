package org.hl7gw.core.intake;

import java.util.Objects;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.FileStatus;

/**
 * What the intake made of a file: its ledger id, digest and status right after intake (QUEUED, INVALID or
 * DUPLICATE). Delivery goes on afterwards.
 */
public record IntakeReceipt(long fileId, Sha256 sha256, FileStatus status, String error) {
    public IntakeReceipt {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(status, "status");
    }
}
