package org.hl7gw.sftp.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Principal;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.sshd.common.util.io.IoUtils;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.sftp.internal.Location.Area;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every file operation of a partner's SFTP session passes here: it applies the {@link FolderPolicy} and closes the
 * holes MINA's rooted file system leaves open.
 *
 * <ul>
 * <li>Each client path is normalized and checked as it is resolved: outside {@code inbox/} and {@code outbox/}
 * nothing exists, and a path that goes through a symbolic link (the last name included) is refused. The
 * normalized path is what MINA then uses, so the operating system never sees a {@code ..}.</li>
 * <li>Files are opened with {@code NOFOLLOW_LINKS} and attributes are read without following links, as a second
 * line in case a link appears between the check and the use.</li>
 * <li>Links of any kind, directories, server-side copies, owner changes are refused.</li>
 * <li>Uploaded files are created owner-only (0600), whatever mode the client asks for: they hold patient data.
 * A later mode change of an inbox file (what {@code put -p} sends along with the times) is accepted and ignored;
 * elsewhere it is refused.</li>
 * <li>The home lists only {@code inbox} and {@code outbox}.</li>
 * </ul>
 */
public final class PartnerFileAccessor implements SftpFileSystemAccessor {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerFileAccessor.class);
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final FileAttribute<?>[] OWNER_ONLY = {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
            throws IOException, InvalidPathException {
        Path resolved = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath).normalize();
        Location location = Location.of(resolved);
        FolderPolicy.requireVisible(location);
        PartnerHome home = PartnerSessions.attached(subsystem.getServerSession());
        try {
            home.refuseLinks(location);
        } catch (AccessDeniedException e) {
            LOG.warn("partner {}: refused {}: a symbolic link is in the way (links inside partner homes are never followed)",
                    home.account().partnerId(), location);
            throw e;
        }
        return resolved;
    }

    @Override
    public LinkOption[] resolveFileAccessLinkOptions(SftpSubsystemProxy subsystem, Path file, int cmd, String extension,
            boolean followLinks) {
        return NO_FOLLOW.clone();
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
            Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        Location location = Location.of(file);
        boolean writes = FolderPolicy.writes(options);
        guard(subsystem, () -> {
            FolderPolicy.checkOpen(location, options);
            if (writes && fileHandle == null) {
                // MINA opens files without a handle to truncate them for SETSTAT(size): every write to the inbox
                // must go through a handle the upload listener sees.
                throw FolderPolicy.denied(location, "files can only be changed by writing them");
            }
        });
        Set<OpenOption> noFollow = new HashSet<>(options);
        noFollow.add(LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(file, noFollow, writes ? OWNER_ONLY : IoUtils.EMPTY_FILE_ATTRIBUTES);
    }

    @Override
    public DirectoryStream<Path> openDirectory(SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir,
            String handle, LinkOption... linkOptions) throws IOException {
        Location location = Location.of(dir);
        guard(subsystem, () -> FolderPolicy.requireVisible(location));
        DirectoryStream<Path> entries = SftpFileSystemAccessor.super.openDirectory(subsystem, dirHandle, dir, handle,
                NO_FOLLOW);
        return location.area() == Area.HOME ? new OnlyInboxAndOutbox(entries) : entries;
    }

    @Override
    public void setFileAttribute(SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
            LinkOption... options) throws IOException {
        guard(subsystem, () -> FolderPolicy.checkSetAttribute(Location.of(file), attribute));
        SftpFileSystemAccessor.super.setFileAttribute(subsystem, file, view, attribute, value, NO_FOLLOW);
    }

    @Override
    public void setFileOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        refuse(subsystem, Location.of(file), "owners cannot be changed");
    }

    @Override
    public void setGroupOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        refuse(subsystem, Location.of(file), "groups cannot be changed");
    }

    @Override
    public void setFilePermissions(SftpSubsystemProxy subsystem, Path file, Set<PosixFilePermission> perms,
            LinkOption... options) throws IOException {
        Location location = Location.of(file);
        if (location.isEntryOf(Area.INBOX)) {
            // "put -p" sends the local mode with the times; uploads stay owner-only, so accept and ignore it
            LOG.debug("ignoring a mode change of {} to {}", location, PosixFilePermissions.toString(perms));
            return;
        }
        refuse(subsystem, location, "permissions cannot be changed");
    }

    @Override
    public void setFileAccessControl(SftpSubsystemProxy subsystem, Path file, List<AclEntry> acl, LinkOption... options)
            throws IOException {
        refuse(subsystem, Location.of(file), "access control lists cannot be changed");
    }

    @Override
    public void applyExtensionFileAttributes(SftpSubsystemProxy subsystem, Path file, Map<String, byte[]> extensions,
            LinkOption... options) throws IOException {
        if (extensions != null && !extensions.isEmpty()) {
            refuse(subsystem, Location.of(file), "extended attributes cannot be changed");
        }
    }

    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        refuse(subsystem, Location.of(path), "directories cannot be created");
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        refuse(subsystem, Location.of(link), symLink ? "symbolic links cannot be created" : "links cannot be created");
    }

    @Override
    public String resolveLinkTarget(SftpSubsystemProxy subsystem, Path link) throws IOException {
        // unreachable in practice: resolving the path already refuses a link
        throw FolderPolicy.denied(Location.of(link), "symbolic links are not followed");
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        guard(subsystem, () -> FolderPolicy.checkRename(Location.of(oldPath), Location.of(newPath)));
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
    }

    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
            throws IOException {
        refuse(subsystem, Location.of(dst), "files cannot be copied on the server");
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        guard(subsystem, () -> FolderPolicy.checkRemove(Location.of(path), isDirectory));
        SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
    }

    private interface Check {
        void run() throws IOException;
    }

    private static void guard(SftpSubsystemProxy subsystem, Check check) throws IOException {
        try {
            check.run();
        } catch (AccessDeniedException e) {
            logRefusal(subsystem, e);
            throw e;
        }
    }

    private static void refuse(SftpSubsystemProxy subsystem, Location location, String reason)
            throws AccessDeniedException {
        AccessDeniedException e = FolderPolicy.denied(location, reason);
        logRefusal(subsystem, e);
        throw e;
    }

    private static void logRefusal(SftpSubsystemProxy subsystem, AccessDeniedException e) {
        String partner = "?";
        try {
            PartnerAccount account = PartnerSessions.attached(subsystem.getServerSession()).account();
            partner = account.partnerId();
        } catch (AccessDeniedException notLoggedIn) {
            // keep "?"
        }
        LOG.info("partner {}: refused {}: {}", partner, e.getFile(), e.getReason());
    }

    /** The entries of the home that a partner may see. */
    private static final class OnlyInboxAndOutbox implements DirectoryStream<Path> {
        private final DirectoryStream<Path> entries;

        OnlyInboxAndOutbox(DirectoryStream<Path> entries) {
            this.entries = entries;
        }

        @Override
        public Iterator<Path> iterator() {
            Iterator<Path> all = entries.iterator();
            return new Iterator<>() {
                private Path next;

                @Override
                public boolean hasNext() {
                    while (next == null && all.hasNext()) {
                        Path candidate = all.next();
                        Path name = candidate.getFileName();
                        if (name != null && (name.toString().equals(PartnerAccount.INBOX)
                                || name.toString().equals(PartnerAccount.OUTBOX))) {
                            next = candidate;
                        }
                    }
                    return next != null;
                }

                @Override
                public Path next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Path result = next;
                    next = null;
                    return result;
                }
            };
        }

        @Override
        public void close() throws IOException {
            entries.close();
        }
    }
}
