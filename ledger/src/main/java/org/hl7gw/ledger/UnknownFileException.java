package org.hl7gw.ledger;

/** No file with this id is in the ledger. */
public class UnknownFileException extends LedgerException {
    private static final long serialVersionUID = 1L;
    private final long fileId;

    public UnknownFileException(long fileId) {
        super("no file " + fileId + " in the ledger");
        this.fileId = fileId;
    }

    public long fileId() {
        return fileId;
    }
}
