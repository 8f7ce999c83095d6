package org.hl7gw.poller.internal;

import java.io.IOException;

/**
 * The server refused an operation on one file (no permission, gone, name taken) while the connection stays
 * usable: that file fails, the run goes on with the others. Any other {@link IOException} from a
 * {@link FolderSession} means the connection is broken and the run ends.
 */
public class FileRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public FileRefusedException(String message) {
        super(message);
    }

    public FileRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
