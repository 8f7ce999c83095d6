package org.hl7gw.core.poll;

import java.time.Instant;
import java.util.Objects;

/**
 * A file a poller saw in a remote (or local) folder.
 *
 * @param location where the folder is, without credentials: {@code sftp://host:22/outbound/hl7}; two pollers
 *                 pointed at the same folder share it, so they never take the same file twice
 * @param path the file's path relative to the polled folder (with sub-folders when recursion is on)
 * @param size its size in bytes
 * @param modified its modification time as the server reports it
 */
public record RemoteFile(String location, String path, long size, Instant modified) {
    public RemoteFile {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modified, "modified");
        if (size < 0) {
            throw new IllegalArgumentException("size cannot be negative: " + size);
        }
    }
}
