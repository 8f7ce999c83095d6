package org.hl7gw.core.partner;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A partner's login on the gateway's SFTP and FTPS servers, and the folder it is jailed in. The home holds
 * {@code inbox/} (the partner drops files there) and {@code outbox/} (the gateway writes results there).
 *
 * @param partnerId the partner's id in the configuration (what the ledger records as the source)
 * @param login the user name for SFTP and FTPS
 * @param home absolute path of the partner's home folder; nothing outside it is reachable
 */
public record PartnerAccount(String partnerId, String login, Path home) {
    public static final String INBOX = "inbox";
    public static final String OUTBOX = "outbox";

    public PartnerAccount {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(home, "home");
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("a partner home must be an absolute path: " + home);
        }
    }

    public Path inbox() {
        return home.resolve(INBOX);
    }

    public Path outbox() {
        return home.resolve(OUTBOX);
    }
}
