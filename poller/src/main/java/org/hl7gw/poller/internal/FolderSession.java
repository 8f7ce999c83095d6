package org.hl7gw.poller.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A logged-in connection to the polled folder, for one run. Paths are relative to the polled folder and
 * '/'-separated ("" is the folder itself).
 *
 * <p>Errors: {@link FileRefusedException} when the server refuses an operation on one file; any other
 * {@link IOException} when the connection is broken (the run ends).
 */
public interface FolderSession extends Closeable {

    /** The entries of a folder (not recursive); "." and ".." are left out. */
    List<RemoteEntry> list(String folder) throws IOException;

    /** The exact size and time of a listed file; protocols whose listings are exact return it unchanged. */
    default RemoteEntry exact(RemoteEntry entry) throws IOException {
        return entry;
    }

    /** The file's current size and time; empty when it is gone. */
    Optional<RemoteEntry> stat(String path) throws IOException;

    /**
     * Opens a file for download. Closing the stream completes the transfer and throws if the server reports
     * that it did not send the whole file.
     */
    InputStream open(String path) throws IOException;

    void delete(String path) throws IOException;

    /** Renames a file; the target's folder exists; fails if the target exists (or, on some servers, replaces it). */
    void rename(String from, String to) throws IOException;

    /** Creates a folder and its missing parents. */
    void createFolders(String folder) throws IOException;

    /** Logs out and disconnects; never throws for a connection that is already broken. */
    @Override
    void close();
}
