package org.hl7gw.poller.ftp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;
import org.hl7gw.poller.internal.FileRefusedException;
import org.hl7gw.poller.internal.FolderSession;
import org.hl7gw.poller.internal.Paths;
import org.hl7gw.poller.internal.RemoteEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's FTP session, its working folder the polled folder. With MLSD (RFC 3659) listings carry exact sizes
 * and UTC times; without it (vsftpd) the LIST output is parsed and each candidate's exact size and time come
 * from SIZE and MDTM.
 *
 * <p>Errors: a negative reply about one file is a {@link FileRefusedException}; a closed connection, a timeout,
 * 421, the data connection failures 425/426 and TLS refusals 522/534 (e.g. session reuse required) break the session.
 */
final class FtpFolderSession implements FolderSession {
    private static final Logger LOG = LoggerFactory.getLogger(FtpFolderSession.class);

    private final FTPClient ftp;
    private final boolean mlsd;

    FtpFolderSession(FTPClient ftp, boolean mlsd) {
        this.ftp = ftp;
        this.mlsd = mlsd;
    }

    @Override
    public List<RemoteEntry> list(String folder) throws IOException {
        String arg = folder.isEmpty() ? null : folder;
        FTPFile[] files = mlsd ? ftp.mlistDir(arg) : ftp.listFiles(arg);
        // Commons Net returns an empty listing when the server refused it (e.g. 522): check the reply
        if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
            throw failure("list " + (folder.isEmpty() ? "the folder" : folder));
        }
        List<RemoteEntry> entries = new ArrayList<>(files.length);
        for (FTPFile f : files) {
            if (f == null || f.getName() == null || f.getName().equals(".") || f.getName().equals("..")) {
                continue;
            }
            String name = Paths.name(f.getName());
            RemoteEntry.Kind kind = f.isFile() ? RemoteEntry.Kind.FILE : f.isDirectory() ? RemoteEntry.Kind.FOLDER : RemoteEntry.Kind.OTHER;
            Instant time = f.getTimestampInstant() == null ? Instant.EPOCH : f.getTimestampInstant();
            entries.add(new RemoteEntry(Paths.join(folder, name), kind, Math.max(0, f.getSize()), time, mlsd));
        }
        return entries;
    }

    @Override
    public RemoteEntry exact(RemoteEntry entry) throws IOException {
        if (entry.exact()) {
            return entry;
        }
        return stat(entry.path()).orElseThrow(() -> new FileRefusedException("cannot read the size and time of " + entry.path() + ": gone"));
    }

    @Override
    public Optional<RemoteEntry> stat(String path) throws IOException {
        if (mlsd) {
            FTPFile f = ftp.mlistFile(path);
            if (f == null) {
                return gone(path);
            }
            Instant time = f.getTimestampInstant() == null ? Instant.EPOCH : f.getTimestampInstant();
            RemoteEntry.Kind kind = f.isFile() ? RemoteEntry.Kind.FILE : f.isDirectory() ? RemoteEntry.Kind.FOLDER : RemoteEntry.Kind.OTHER;
            return Optional.of(new RemoteEntry(path, kind, Math.max(0, f.getSize()), time, true));
        }
        String size = ftp.getSize(path);
        if (size == null) {
            return gone(path);
        }
        Instant time = ftp.mdtmInstant(path);
        if (time == null) {
            return gone(path);
        }
        try {
            return Optional.of(RemoteEntry.file(path, Long.parseLong(size.trim()), time));
        } catch (NumberFormatException e) {
            throw new FileRefusedException("cannot read the size of " + path + ": the server answered '" + size.trim() + "'");
        }
    }

    /** SIZE, MDTM or MLST found nothing: 550 (RFC 3659), 450, or 501 as some servers answer MLST for a missing file. */
    private Optional<RemoteEntry> gone(String path) throws IOException {
        int code = ftp.getReplyCode();
        if (code == 550 || code == 450 || code == 501) {
            return Optional.empty();
        }
        throw failure("read the size and time of " + path);
    }

    @Override
    public InputStream open(String path) throws IOException {
        InputStream in = ftp.retrieveFileStream(path);
        if (in == null) {
            throw failure("download " + path);
        }
        return new FilterInputStream(in) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                super.close();
                boolean confirmed;
                try {
                    confirmed = ftp.completePendingCommand();
                } catch (IOException e) {
                    throw new IOException("the server did not confirm the download of " + path + ": " + e.getMessage(), e);
                }
                if (!confirmed) {
                    throw failure("complete the download of " + path);
                }
            }
        };
    }

    @Override
    public void delete(String path) throws IOException {
        if (!ftp.deleteFile(path)) {
            throw failure("delete " + path);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        if (!ftp.rename(from, to)) {
            throw failure("rename " + from + " to " + to);
        }
    }

    @Override
    public void createFolders(String folder) throws IOException {
        for (String done : Paths.lineage(folder)) {
            if (!ftp.makeDirectory(done)) {
                int code = ftp.getReplyCode();
                if (code != 550 && code != 521) { // exists (or not allowed: the rename will say so)
                    throw failure("create folder " + done);
                }
                LOG.debug("MKD {} answered {}", done, FtpFolder.reply(ftp));
            }
        }
    }

    @Override
    public void close() {
        try {
            if (ftp.isConnected()) {
                ftp.logout();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("FTP logout failed", e);
        }
        disconnectQuietly(ftp);
    }

    static void disconnectQuietly(FTPClient ftp) {
        try {
            if (ftp.isConnected()) {
                ftp.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("FTP disconnect failed", e);
        }
    }

    /**
     * The server answered, so the control connection works: a refusal about this file, unless the reply says the
     * session or its data connections are failing (421 closing, 425 cannot open, 426 aborted, 522/534 TLS refused),
     * which would fail every further transfer too. (Closed connections and timeouts surface as IOExceptions from
     * Commons Net itself.)
     */
    private IOException failure(String what) {
        int code = ftp.getReplyCode();
        String message = "cannot " + what + ": " + FtpFolder.reply(ftp);
        boolean sessionBroken = code == 421 || code == 425 || code == 426 || code == 522 || code == 534 || code < 100;
        return sessionBroken ? new IOException(message) : new FileRefusedException(message);
    }
}
