package org.hl7gw.ftps.internal;

import java.util.List;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.AuthorizationRequest;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginRequest;
import org.hl7gw.core.partner.PartnerAccount;

/**
 * A logged-in partner, as Apache FtpServer sees it. It has no authorities: what a partner may do is decided by
 * the jail ({@link JailFile}), not by Apache's permission objects. The only request it grants is the
 * per-user login count check (the server-wide {@code maxLogins} limits sessions).
 */
final class PartnerUser implements User {
    private final PartnerAccount account;
    private final int idleSeconds;

    PartnerUser(PartnerAccount account, int idleSeconds) {
        this.account = account;
        this.idleSeconds = idleSeconds;
    }

    PartnerAccount account() {
        return account;
    }

    @Override
    public String getName() {
        return account.login();
    }

    /** Never known here: the directory keeps only a hash and compares it. */
    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public List<? extends Authority> getAuthorities() {
        return List.of();
    }

    @Override
    public List<? extends Authority> getAuthorities(Class<? extends Authority> clazz) {
        return List.of();
    }

    @Override
    public AuthorizationRequest authorize(AuthorizationRequest request) {
        return request instanceof ConcurrentLoginRequest ? request : null;
    }

    @Override
    public int getMaxIdleTime() {
        return idleSeconds;
    }

    @Override
    public boolean getEnabled() {
        return true;
    }

    @Override
    public String getHomeDirectory() {
        return "/";
    }

    @Override
    public String toString() {
        return "PartnerUser[" + account.partnerId() + "]";
    }
}
