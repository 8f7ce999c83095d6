package org.hl7gw.poller.internal;

import org.hl7gw.poller.PollerSettings;
import org.hl7gw.poller.ftp.FtpFolder;
import org.hl7gw.poller.local.LocalFolder;
import org.hl7gw.poller.sftp.SftpFolder;

/** The folder client for a poller's protocol. */
public final class RemoteFolders {
    private RemoteFolders() {
    }

    public static RemoteFolder of(PollerSettings settings) {
        return switch (settings.url().protocol()) {
            case SFTP -> new SftpFolder(settings);
            case FTP -> new FtpFolder(settings);
            case FILE -> new LocalFolder(settings);
        };
    }
}
