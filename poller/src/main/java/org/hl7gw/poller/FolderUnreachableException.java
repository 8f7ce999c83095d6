package org.hl7gw.poller;

/**
 * The server could not be reached or the folder not listed: connection refused or timed out, the connection
 * dropped, TLS failed, the folder is missing or may not be read. The next run tries again.
 */
public class FolderUnreachableException extends PollerException {
    private static final long serialVersionUID = 1L;

    public FolderUnreachableException(String message) {
        super(message);
    }

    public FolderUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
