package org.hl7gw.poller.sftp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.hl7gw.poller.internal.FileRefusedException;
import org.hl7gw.poller.internal.FolderSession;
import org.hl7gw.poller.internal.Paths;
import org.hl7gw.poller.internal.RemoteEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's SFTP session. Listings carry exact sizes and times (SFTP attributes), so no extra stat is needed.
 * An {@link SftpException} is the server's answer about one file (the session goes on); anything else means the
 * session is broken.
 */
final class SftpFolderSession implements FolderSession {
    private static final Logger LOG = LoggerFactory.getLogger(SftpFolderSession.class);
    /**
     * Size of each read request: OpenSSH answers reads of up to 256 KiB (its limits@openssh.com), MINA keeps several
     * in flight. Larger requests are cut by the server and made downloads slower in the benchmark.
     */
    private static final int READ_BUFFER = 255 * 1024;

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    private final String base;

    /** @param base the polled folder: absolute, or relative to the login folder ("" for the login folder) */
    SftpFolderSession(SshClient client, ClientSession session, SftpClient sftp, String base) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.base = base;
    }

    void checkFolder(String shownAs) throws IOException {
        SftpClient.Attributes attributes = sftp.stat(remote(""));
        if (!attributes.isDirectory()) {
            throw new org.hl7gw.poller.FolderUnreachableException(shownAs + " is not a folder");
        }
    }

    private String remote(String relative) {
        if (relative.isEmpty()) {
            return base.isEmpty() ? "." : base;
        }
        return base.isEmpty() ? relative : Paths.join(base, relative);
    }

    @Override
    public List<RemoteEntry> list(String folder) throws IOException {
        List<RemoteEntry> entries = new ArrayList<>();
        try {
            for (SftpClient.DirEntry d : sftp.readDir(remote(folder))) {
                String name = d.getFilename();
                if (name.equals(".") || name.equals("..")) {
                    continue;
                }
                entries.add(entry(Paths.join(folder, name), d.getAttributes()));
            }
        } catch (SftpException e) {
            throw refused("list " + (folder.isEmpty() ? "the folder" : folder), e);
        }
        return entries;
    }

    @Override
    public Optional<RemoteEntry> stat(String path) throws IOException {
        try {
            return Optional.of(entry(path, sftp.stat(remote(path))));
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return Optional.empty();
            }
            throw refused("stat " + path, e);
        }
    }

    @Override
    public InputStream open(String path) throws IOException {
        InputStream in;
        try {
            in = sftp.read(remote(path), READ_BUFFER);
        } catch (SftpException e) {
            throw refused("open " + path, e);
        }
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (SftpException e) {
                    throw refused("read " + path, e);
                }
            }
        };
    }

    @Override
    public void delete(String path) throws IOException {
        try {
            sftp.remove(remote(path));
        } catch (SftpException e) {
            throw refused("delete " + path, e);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        try {
            sftp.rename(remote(from), remote(to));
        } catch (SftpException e) {
            throw refused("rename " + from + " to " + to, e);
        }
    }

    @Override
    public void createFolders(String folder) throws IOException {
        for (String done : Paths.lineage(folder)) {
            Optional<RemoteEntry> existing = stat(done);
            if (existing.isPresent()) {
                if (existing.get().kind() != RemoteEntry.Kind.FOLDER) {
                    throw new FileRefusedException("cannot create folder " + done + ": a file of that name exists");
                }
                continue;
            }
            try {
                sftp.mkdir(remote(done));
            } catch (SftpException e) {
                if (stat(done).isEmpty()) { // another poller may have created it meanwhile
                    throw refused("create folder " + done, e);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the SFTP channel failed", e);
        }
        SftpFolder.closeQuietly(session, client);
    }

    private static RemoteEntry entry(String path, SftpClient.Attributes a) {
        RemoteEntry.Kind kind = a.isRegularFile() ? RemoteEntry.Kind.FILE : a.isDirectory() ? RemoteEntry.Kind.FOLDER : RemoteEntry.Kind.OTHER;
        FileTime t = a.getModifyTime();
        return new RemoteEntry(path, kind, Math.max(0, a.getSize()), t == null ? Instant.EPOCH : t.toInstant(), true);
    }

    private static FileRefusedException refused(String what, SftpException e) {
        String reason = switch (e.getStatus()) {
            case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH -> "no such file";
            case SftpConstants.SSH_FX_PERMISSION_DENIED -> "permission denied";
            case SftpConstants.SSH_FX_FILE_ALREADY_EXISTS -> "already exists";
            default -> SftpConstants.getStatusName(e.getStatus()) + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        };
        return new FileRefusedException("cannot " + what + ": " + reason, e);
    }
}
