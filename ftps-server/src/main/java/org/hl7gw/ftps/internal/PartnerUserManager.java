package org.hl7gw.ftps.internal;

import java.util.Arrays;
import java.util.Optional;
import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.PartnerDirectory;

/**
 * Logs partners in against the {@link PartnerDirectory}, by password only (FTPS has no keys). Anonymous
 * logins and logins without a password in the directory fail. A partner whose home cannot be prepared (its
 * inbox or outbox is a symbolic link or a file) fails to log in too, rather than getting a broken session.
 *
 * <p>Unknown and known logins are treated the same up to the password check, so {@code USER} reveals nothing.
 */
final class PartnerUserManager implements UserManager {
    private final PartnerDirectory directory;
    private final PartnerHomes homes;
    private final int idleSeconds;

    PartnerUserManager(PartnerDirectory directory, PartnerHomes homes, int idleSeconds) {
        this.directory = directory;
        this.homes = homes;
        this.idleSeconds = idleSeconds;
    }

    @Override
    public User authenticate(Authentication authentication) throws AuthenticationFailedException {
        if (!(authentication instanceof UsernamePasswordAuthentication login)) {
            throw new AuthenticationFailedException("only password logins");
        }
        String name = login.getUsername();
        String password = login.getPassword();
        if (name == null || password == null) {
            throw new AuthenticationFailedException("login and password required");
        }
        char[] secret = password.toCharArray();
        boolean matches;
        try {
            matches = directory.passwordMatches(name, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (!matches) {
            throw new AuthenticationFailedException("wrong login or password");
        }
        Optional<PartnerAccount> account = directory.account(name);
        if (account.isEmpty()) {
            throw new AuthenticationFailedException("no account");
        }
        if (!homes.prepare(account.get())) {
            throw new AuthenticationFailedException("home not usable");
        }
        return new PartnerUser(account.get(), idleSeconds);
    }

    /**
     * Called by {@code USER} for the per-user session limit. Answers for every name alike (the limit is not
     * per user here), so the reply to {@code USER} does not tell known logins from unknown ones.
     */
    @Override
    public User getUserByName(String username) {
        return null;
    }

    @Override
    public String[] getAllUserNames() throws FtpException {
        throw new FtpException("partners are listed in the gateway's configuration");
    }

    @Override
    public void delete(String username) throws FtpException {
        throw new FtpException("partners are managed in the gateway's configuration");
    }

    @Override
    public void save(User user) throws FtpException {
        throw new FtpException("partners are managed in the gateway's configuration");
    }

    @Override
    public boolean doesExist(String username) {
        return false;
    }

    @Override
    public String getAdminName() {
        return null;
    }

    @Override
    public boolean isAdmin(String username) {
        return false;
    }
}
