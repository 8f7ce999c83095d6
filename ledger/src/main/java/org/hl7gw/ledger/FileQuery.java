package org.hl7gw.ledger;

import java.util.Objects;
import java.util.Optional;
import org.hl7gw.core.delivery.FileStatus;

/**
 * Which files {@link Ledger#files} lists.
 *
 * @param status only files in this status, or all
 * @param limit at most this many (1 to 10,000)
 * @param newestFirst newest (highest id) first, else oldest first
 */
public record FileQuery(Optional<FileStatus> status, int limit, boolean newestFirst) {
    public static final int MAX_LIMIT = 10_000;

    public FileQuery {
        Objects.requireNonNull(status, "status");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** The newest {@code limit} files, whatever their status. */
    public static FileQuery newest(int limit) {
        return new FileQuery(Optional.empty(), limit, true);
    }

    /** The newest {@code limit} files in a status. */
    public static FileQuery newest(FileStatus status, int limit) {
        return new FileQuery(Optional.of(status), limit, true);
    }
}
