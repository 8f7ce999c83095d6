package org.hl7gw.ftps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.hl7gw.core.partner.PartnerAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's view of its partner's home: the root {@code /} holds {@code inbox} and {@code outbox} and
 * nothing else, whatever else lies in the home folder.
 *
 * <p>The jail does not rely on string checks of real paths: a client's path is resolved as a
 * {@link VirtualPath} (which cannot climb above {@code /}) and then mapped below the home's real path one name
 * at a time; every name on the way is inspected without following links, and a symbolic link anywhere on the
 * way makes the path not exist (whatever the link points to, inside or outside the home). Files are opened
 * with {@code NOFOLLOW_LINKS} as well, so a link planted between the check and the open is refused by the
 * kernel.
 */
public final class JailFileSystemView implements FileSystemView {
    private static final Logger LOG = LoggerFactory.getLogger(JailFileSystemView.class);

    private final PartnerAccount account;
    private final Path realHome;
    private final OpenWrites writes;
    private VirtualPath workingDirectory = VirtualPath.ROOT;
    private OpenWrites.Writer lastWriter;

    JailFileSystemView(PartnerAccount account, Path realHome, OpenWrites writes) {
        this.account = account;
        this.realHome = realHome;
        this.writes = writes;
    }

    PartnerAccount account() {
        return account;
    }

    OpenWrites writes() {
        return writes;
    }

    @Override
    public FtpFile getHomeDirectory() {
        return new JailFile(this, VirtualPath.ROOT);
    }

    @Override
    public FtpFile getWorkingDirectory() {
        return new JailFile(this, workingDirectory);
    }

    @Override
    public boolean changeWorkingDirectory(String dir) {
        VirtualPath target;
        try {
            target = workingDirectory.resolve(dir);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!new JailFile(this, target).isDirectory()) {
            return false;
        }
        workingDirectory = target;
        return true;
    }

    @Override
    public FtpFile getFile(String file) throws FtpException {
        try {
            return new JailFile(this, workingDirectory.resolve(file));
        } catch (IllegalArgumentException e) {
            throw new FtpException("not a usable file name", e);
        }
    }

    @Override
    public boolean isRandomAccessible() {
        return true;
    }

    @Override
    public void dispose() {
        // nothing held: files are closed by the commands that opened them
    }

    /** Remembers the writer of this session's current upload, for the hand-off when the command ends. */
    synchronized void uploadOpened(OpenWrites.Writer writer) {
        lastWriter = writer;
    }

    /** The writer of the upload that just ended, once; empty when the command never opened a file. */
    synchronized Optional<OpenWrites.Writer> takeUpload() {
        OpenWrites.Writer w = lastWriter;
        lastWriter = null;
        return Optional.ofNullable(w);
    }

    /** Forgets any earlier upload (called before each upload command). */
    synchronized void clearUpload() {
        lastWriter = null;
    }

    /** The real path of a virtual path (no checks). */
    Path realPath(VirtualPath path) {
        Path p = realHome;
        for (String name : path.segments()) {
            p = p.resolve(name);
        }
        return p;
    }

    /** What lies at a virtual path, seen without following links. */
    enum State { MISSING, FILE, DIRECTORY, REFUSED }

    /** The state of a path and, unless missing or refused, its attributes. */
    record Lookup(State state, BasicFileAttributes attributes) {
        static final Lookup MISSING = new Lookup(State.MISSING, null);
        static final Lookup REFUSED = new Lookup(State.REFUSED, null);
    }

    /**
     * Looks a virtual path up below the real home, one name at a time, without following links. A symbolic
     * link on the way (or at the end) is {@link State#REFUSED}; so is anything that is neither a regular file
     * nor a directory (FIFOs, devices, sockets), and a file used as a folder.
     */
    Lookup lookup(VirtualPath path) {
        Path p = realHome;
        try {
            BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            for (int i = 0; i < path.depth(); i++) {
                if (!attrs.isDirectory()) {
                    return Lookup.REFUSED;
                }
                p = p.resolve(path.segments().get(i));
                attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isSymbolicLink()) {
                    LOG.warn("partner {}: refused the symbolic link {} in its home", account.partnerId(),
                            new VirtualPath(path.segments().subList(0, i + 1)));
                    return Lookup.REFUSED;
                }
            }
            if (attrs.isDirectory()) {
                return new Lookup(State.DIRECTORY, attrs);
            }
            return attrs.isRegularFile() ? new Lookup(State.FILE, attrs) : Lookup.REFUSED;
        } catch (NoSuchFileException e) {
            return Lookup.MISSING;
        } catch (IOException e) {
            LOG.debug("cannot read {} for partner {}: {}", path, account.partnerId(), e.toString());
            return Lookup.REFUSED;
        }
    }
}
