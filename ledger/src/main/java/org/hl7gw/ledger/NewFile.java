package org.hl7gw.ledger;

import java.time.Instant;
import java.util.Objects;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.intake.FileSource;

/**
 * A file just received, as {@link Ledger#receive} records it.
 *
 * @param source who sent it; duplicate detection is per source
 * @param originalName the name the sender gave it (no directories)
 * @param size bytes as received
 * @param sha256 digest of the bytes as received (the archive key)
 * @param receivedAt when it arrived completely
 * @param destination the destination id its messages will go to
 */
public record NewFile(FileSource source, String originalName, long size, Sha256 sha256, Instant receivedAt, String destination) {
    public NewFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(originalName, "originalName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(destination, "destination");
        if (originalName.isBlank()) {
            throw new IllegalArgumentException("a received file needs its original name");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size cannot be negative: " + size);
        }
        if (destination.isBlank()) {
            throw new IllegalArgumentException("a received file needs a destination id");
        }
    }
}
