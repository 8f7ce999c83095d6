package org.hl7gw.poller.internal;

/** A polled folder on some server: opens one session per run. */
public interface RemoteFolder {

    /**
     * Connects, authenticates and checks the folder.
     *
     * @throws org.hl7gw.poller.PollerException (a subtype) naming the reason: unreachable, login refused, host key
     *     rejected
     */
    FolderSession open();

    /** Something for log lines: {@code sftp://lab@host:22/outbound}. */
    String describe();
}
