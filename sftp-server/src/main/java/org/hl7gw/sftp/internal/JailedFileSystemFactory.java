package org.hl7gw.sftp.internal;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;

/**
 * Gives every SFTP channel a file system rooted at the partner's home (MINA's {@code RootedFileSystem}): {@code /}
 * is the home, {@code ..} stops there and absolute paths resolve inside it. The rooted file system confines path
 * names only; {@link PartnerFileAccessor} adds the symbolic-link and folder rules on top.
 */
public final class JailedFileSystemFactory implements FileSystemFactory {
    private final PartnerSessions sessions;

    public JailedFileSystemFactory(PartnerSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public Path getUserHomeDir(SessionContext session) throws IOException {
        return sessions.home(asSession(session)).realRoot();
    }

    @Override
    public FileSystem createFileSystem(SessionContext session) throws IOException {
        PartnerHome home = sessions.home(asSession(session));
        return new RootedFileSystemProvider().newFileSystem(home.realRoot(), Map.of());
    }

    private static Session asSession(SessionContext context) throws IOException {
        if (context instanceof Session session) {
            return session;
        }
        throw new IOException("no SSH session to find a partner home for");
    }
}
