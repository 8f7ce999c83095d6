package org.hl7gw.ledger;

import java.util.Objects;
import java.util.Set;
import org.hl7gw.core.delivery.FileStatus;

/**
 * The file's status does not allow the operation, e.g. a rerun of an INVALID file (those are reprocessed from
 * the archive) or staging messages for a file that is already QUEUED.
 */
public class FileStateException extends LedgerException {
    private static final long serialVersionUID = 1L;
    private final long fileId;
    private final FileStatus status;
    private final String operation;

    /**
     * @param operation what was refused, e.g. "rerun"
     * @param allowed the statuses in which it would have been done
     */
    public FileStateException(long fileId, FileStatus status, String operation, Set<FileStatus> allowed, String hint) {
        super("cannot " + operation + " file " + fileId + ": it is " + status + ", " + operation + " applies to "
                + allowed.stream().map(Enum::name).sorted().reduce((a, b) -> a + ", " + b).orElse("nothing")
                + " files" + (hint == null ? "" : "; " + hint));
        this.fileId = fileId;
        this.status = Objects.requireNonNull(status, "status");
        this.operation = operation;
    }

    public long fileId() {
        return fileId;
    }

    /** The status the file was found in. */
    public FileStatus status() {
        return status;
    }

    public String operation() {
        return operation;
    }
}
