package org.hl7gw.ftps.internal;

import java.io.IOException;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;

/** Gives each logged-in partner a {@link JailFileSystemView} of its home, replacing Apache's native file system (which follows links). */
final class JailFileSystemFactory implements FileSystemFactory {
    private final PartnerHomes homes;
    private final OpenWrites writes;

    JailFileSystemFactory(PartnerHomes homes, OpenWrites writes) {
        this.homes = homes;
        this.writes = writes;
    }

    @Override
    public FileSystemView createFileSystemView(User user) throws FtpException {
        if (!(user instanceof PartnerUser partner)) {
            throw new FtpException("not a partner login");
        }
        try {
            return new JailFileSystemView(partner.account(), homes.realHome(partner.account()), writes);
        } catch (IOException e) {
            throw new FtpException("home of partner " + partner.account().partnerId() + " is not usable", e);
        }
    }
}
