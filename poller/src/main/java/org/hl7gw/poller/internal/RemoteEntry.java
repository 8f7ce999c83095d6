package org.hl7gw.poller.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry of a listed folder.
 *
 * @param path path below the polled folder, '/'-separated
 * @param kind file, folder or something else (link, device)
 * @param size size in bytes (0 when unknown)
 * @param modified modification time as the server reports it
 * @param exact whether size and time are exact (plain FTP LIST gives times to the minute at best; the poller asks
 *              for exact ones with {@link FolderSession#exact} before it relies on them)
 */
public record RemoteEntry(String path, Kind kind, long size, Instant modified, boolean exact) {

    public enum Kind { FILE, FOLDER, OTHER }

    public RemoteEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(modified, "modified");
    }

    public static RemoteEntry file(String path, long size, Instant modified) {
        return new RemoteEntry(path, Kind.FILE, size, modified, true);
    }

    /** The last path segment. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Same size and time. */
    public boolean sameAs(RemoteEntry other) {
        return size == other.size && modified.equals(other.modified);
    }
}
