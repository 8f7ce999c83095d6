package org.hl7gw.core.intake;

/** How a file reached the gateway. */
public enum SourceKind {
    /** A partner uploaded it to the embedded SFTP or FTPS server. */
    PARTNER,
    /** A scheduled poller fetched it from a remote or local folder. */
    POLLER,
    /** An operator handed it to a command ({@code gateway send}). */
    CLI;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
