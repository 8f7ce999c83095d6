package org.hl7gw.core.partner;

import java.nio.file.Path;

/**
 * Told by a server what happened to a partner's upload. Both methods must return quickly (hand the work to
 * another thread): servers call them from their session threads.
 */
public interface UploadHandler {

    /**
     * The upload is complete: the client wrote the file and closed it (an SFTP CLOSE, a completed STOR, STOU
     * or APPE), no other session is writing it, and it carries its final name (not a temporary {@code *.part},
     * {@code *.tmp} or dot-name; a rename to the final name completes such an upload).
     *
     * @param account whose upload it is
     * @param file absolute path of the completed file inside {@code account.inbox()}
     * @param protocol "sftp" or "ftps", for the log
     */
    void uploaded(PartnerAccount account, Path file, String protocol);

    /**
     * The upload stopped before the client finished it (the connection dropped mid-write, the transfer was
     * aborted). The file stays where it is for the partner to resume or replace; it is not processed.
     *
     * @param bytes how many bytes the file holds now
     */
    default void interrupted(PartnerAccount account, Path file, String protocol, long bytes) {
    }
}
