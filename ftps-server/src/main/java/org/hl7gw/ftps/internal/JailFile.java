package org.hl7gw.ftps.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.ftpserver.ftplet.FtpFile;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.ftps.internal.JailFileSystemView.Lookup;
import org.hl7gw.ftps.internal.JailFileSystemView.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file or folder in a partner's jail, with the rules of each place:
 * <ul>
 *   <li>{@code /}: lists {@code inbox} and {@code outbox}; nothing can be written there.</li>
 *   <li>{@code /inbox}: the partner uploads files here (STOR, STOU, APPE, REST), renames its temporary
 *       uploads and deletes them; it cannot read files back, delete final names, or make folders.</li>
 *   <li>{@code /outbox} (and folders the gateway makes below it): the partner lists, downloads and deletes
 *       files; it cannot write there.</li>
 * </ul>
 * Everything else does not exist. Symbolic links do not exist either (see {@link JailFileSystemView}).
 */
final class JailFile implements FtpFile {
    private static final Logger LOG = LoggerFactory.getLogger(JailFile.class);

    /** Where a path lies in the jail. */
    enum Place { ROOT, INBOX, INBOX_ENTRY, OUTBOX, OUTBOX_ENTRY, NOWHERE }

    private final JailFileSystemView view;
    private final VirtualPath path;
    private final Place place;

    JailFile(JailFileSystemView view, VirtualPath path) {
        this.view = view;
        this.path = path;
        this.place = placeOf(path);
    }

    static Place placeOf(VirtualPath path) {
        if (path.isRoot()) {
            return Place.ROOT;
        }
        return switch (path.first()) {
            case PartnerAccount.INBOX -> switch (path.depth()) {
                case 1 -> Place.INBOX;
                case 2 -> Place.INBOX_ENTRY;
                default -> Place.NOWHERE;
            };
            case PartnerAccount.OUTBOX -> path.depth() == 1 ? Place.OUTBOX : Place.OUTBOX_ENTRY;
            default -> Place.NOWHERE;
        };
    }

    VirtualPath virtualPath() {
        return path;
    }

    Place place() {
        return place;
    }

    /** The real path of this file; only for handing a completed upload on. */
    Path realPath() {
        return view.realPath(path);
    }

    private Lookup lookup() {
        return place == Place.NOWHERE ? Lookup.MISSING : view.lookup(path);
    }

    private State state() {
        return lookup().state();
    }

    @Override
    public String getAbsolutePath() {
        return path.absolute();
    }

    @Override
    public String getName() {
        return path.name();
    }

    @Override
    public boolean isHidden() {
        return false;
    }

    @Override
    public boolean isDirectory() {
        return switch (place) {
            case ROOT, INBOX, OUTBOX, OUTBOX_ENTRY -> state() == State.DIRECTORY;
            default -> false;
        };
    }

    @Override
    public boolean isFile() {
        return (place == Place.INBOX_ENTRY || place == Place.OUTBOX_ENTRY) && state() == State.FILE;
    }

    @Override
    public boolean doesExist() {
        return isDirectory() || isFile();
    }

    @Override
    public boolean isReadable() {
        return isDirectory() || (place == Place.OUTBOX_ENTRY && state() == State.FILE);
    }

    /** A name in the inbox that may be created or overwritten: a valid name that is missing or a regular file. */
    @Override
    public boolean isWritable() {
        if (place != Place.INBOX_ENTRY || !FileNames.isWritable(path.name())) {
            return false;
        }
        if (view.lookup(inbox()).state() != State.DIRECTORY) {
            return false;
        }
        State s = state();
        return s == State.MISSING || s == State.FILE;
    }

    @Override
    public boolean isRemovable() {
        if (state() != State.FILE || view.writes().isOpen(realPath())) {
            return false;
        }
        return place == Place.OUTBOX_ENTRY || (place == Place.INBOX_ENTRY && FileNames.isTemporary(path.name()));
    }

    @Override
    public String getOwnerName() {
        return view.account().login();
    }

    @Override
    public String getGroupName() {
        return "partner";
    }

    @Override
    public int getLinkCount() {
        return isDirectory() ? 2 : 1;
    }

    @Override
    public long getLastModified() {
        Lookup l = lookup();
        return l.attributes() == null ? 0L : l.attributes().lastModifiedTime().toMillis();
    }

    @Override
    public boolean setLastModified(long time) {
        return false;
    }

    @Override
    public long getSize() {
        Lookup l = lookup();
        return l.state() == State.FILE ? l.attributes().size() : 0L;
    }

    /** Not exposed: the real location stays inside the server. */
    @Override
    public Object getPhysicalFile() {
        return null;
    }

    /** Partners cannot make folders. */
    @Override
    public boolean mkdir() {
        return false;
    }

    @Override
    public boolean delete() {
        if (!isRemovable()) {
            return false;
        }
        try {
            Files.delete(realPath());
            LOG.info("partner {} deleted {}", view.account().partnerId(), path);
            return true;
        } catch (IOException e) {
            LOG.warn("partner {}: cannot delete {}: {}", view.account().partnerId(), path, e.toString());
            return false;
        }
    }

    /**
     * Renames a temporary upload in the inbox to another name in the inbox that does not exist yet. Final names
     * cannot be renamed (the gateway may be processing them), and nothing is moved between folders.
     */
    @Override
    public boolean move(FtpFile destination) {
        if (!(destination instanceof JailFile target) || target.view != view) {
            return false;
        }
        if (place != Place.INBOX_ENTRY || !FileNames.isTemporary(path.name()) || state() != State.FILE
                || view.writes().isOpen(realPath())) {
            return false;
        }
        if (target.place != Place.INBOX_ENTRY || !FileNames.isWritable(target.getName()) || target.state() != State.MISSING) {
            return false;
        }
        try {
            Files.move(realPath(), target.realPath());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("partner {}: cannot rename {} to {}: {}", view.account().partnerId(), path, target.path, e.toString());
            return false;
        }
    }

    @Override
    public List<? extends FtpFile> listFiles() {
        if (!isDirectory()) {
            return List.of();
        }
        List<JailFile> out = new ArrayList<>();
        if (place == Place.ROOT) {
            for (String name : List.of(PartnerAccount.INBOX, PartnerAccount.OUTBOX)) {
                JailFile f = new JailFile(view, path.child(name));
                if (f.isDirectory()) {
                    out.add(f);
                }
            }
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(realPath())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!FileNames.isWritable(name)) {
                    continue;
                }
                boolean file = Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
                boolean folder = place != Place.INBOX && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
                if (file || folder) {
                    out.add(new JailFile(view, path.child(name)));
                }
            }
        } catch (IOException e) {
            LOG.warn("partner {}: cannot list {}: {}", view.account().partnerId(), path, e.toString());
        }
        out.sort(Comparator.comparing(JailFile::getName));
        return out;
    }

    @Override
    public OutputStream createOutputStream(long offset) throws IOException {
        if (!isWritable()) {
            throw new IOException("no permission to write " + path);
        }
        OpenWrites.Writer writer = view.writes().open(realPath(), offset);
        view.uploadOpened(writer);
        return writer;
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        if (place != Place.OUTBOX_ENTRY || state() != State.FILE) {
            throw new IOException("no permission to read " + path);
        }
        FileChannel channel = FileChannel.open(realPath(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return Channels.newInputStream(channel);
    }

    private VirtualPath inbox() {
        return VirtualPath.ROOT.child(PartnerAccount.INBOX);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JailFile other && other.view == view && other.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(view), path);
    }

    @Override
    public String toString() {
        return path.absolute();
    }
}
