package org.hl7gw.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.intake.FileSource;

/**
 * A file as the ledger knows it. The counts are exact: {@code pending = messages - delivered - rejected - failed}.
 *
 * @param id ledger id; ids grow in the order files were received
 * @param error why it is INVALID, else null
 * @param batches number of batches (BHS) in it, 0 before it is queued
 * @param duplicateOf for a DUPLICATE, the id of the earlier file with the same bytes, else null
 * @param warnings accepted oddities (e.g. count mismatches under the warn policy), one per line, or null
 * @param decryption what decryption recorded, or null when it was not encrypted (or not yet decrypted)
 * @param finishedAt when it became INVALID or DUPLICATE, or when its last pending message settled; null while
 *     work remains
 */
public record FileRecord(
        long id,
        FileSource source,
        String originalName,
        long size,
        Sha256 sha256,
        Instant receivedAt,
        FileStatus status,
        String error,
        String destination,
        int batches,
        int messages,
        int delivered,
        int rejected,
        int failed,
        int pending,
        Long duplicateOf,
        String warnings,
        DecryptionRecord decryption,
        Instant updatedAt,
        Instant finishedAt) {

    public FileRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(originalName, "originalName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Optional<Long> duplicateOfId() {
        return Optional.ofNullable(duplicateOf);
    }

    public Optional<DecryptionRecord> decryptionRecord() {
        return Optional.ofNullable(decryption);
    }

    /** True when nothing is left to send (every message has a final outcome). */
    public boolean settled() {
        return pending == 0;
    }
}
