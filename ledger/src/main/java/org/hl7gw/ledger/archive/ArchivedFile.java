package org.hl7gw.ledger.archive;

import java.nio.file.Path;
import java.util.Objects;
import org.hl7gw.core.Sha256;

/**
 * An original in the archive.
 *
 * @param sha256 digest of its bytes: its name in the archive
 * @param size its length in bytes
 * @param path where it is (read-only)
 * @param alreadyPresent true when the same bytes were archived before and that copy was kept
 */
public record ArchivedFile(Sha256 sha256, long size, Path path, boolean alreadyPresent) {
    public ArchivedFile {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(path, "path");
    }
}
