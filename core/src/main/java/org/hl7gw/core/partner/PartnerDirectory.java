package org.hl7gw.core.partner;

import java.security.PublicKey;
import java.util.Optional;

/**
 * Who may log in to the gateway's SFTP and FTPS servers, and how. Implementations never log or keep a
 * password; they compare it against a stored hash (bcrypt or PBKDF2).
 */
public interface PartnerDirectory {

    /** The account for a login name, if there is one. */
    Optional<PartnerAccount> account(String login);

    /** Whether the password matches the login's stored hash; false for unknown logins or logins without a password. */
    boolean passwordMatches(String login, char[] password);

    /** Whether the public key is among the login's authorized keys; false for unknown logins. */
    boolean keyAuthorized(String login, PublicKey key);
}
