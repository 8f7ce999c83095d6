package org.hl7gw.poller;

/**
 * The SFTP server presented a host key other than the pinned one: either its key was changed or someone is in
 * the middle. The poller does not log in. The message names both fingerprints so that an operator can compare
 * them with what the server's administrator reports ({@code ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub}).
 */
public class HostKeyRejectedException extends PollerException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String actual;

    public HostKeyRejectedException(String server, String expected, String actual) {
        super("host key of " + server + " does not match the pinned one: expected " + expected + ", server presented " + actual
                + " (if the server's key was really changed, update hostKey)");
        this.expected = expected;
        this.actual = actual;
    }

    /** The pinned fingerprint ({@code SHA256:...}). */
    public String expected() {
        return expected;
    }

    /** The fingerprint of the key the server presented. */
    public String actual() {
        return actual;
    }
}
