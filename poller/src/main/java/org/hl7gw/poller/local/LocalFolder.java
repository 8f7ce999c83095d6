package org.hl7gw.poller.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7gw.poller.FolderUnreachableException;
import org.hl7gw.poller.PollerSettings;
import org.hl7gw.poller.PollerUrl;
import org.hl7gw.poller.internal.FileRefusedException;
import org.hl7gw.poller.internal.FolderSession;
import org.hl7gw.poller.internal.Paths;
import org.hl7gw.poller.internal.RemoteEntry;
import org.hl7gw.poller.internal.RemoteFolder;

/**
 * A folder on the gateway's own file system (or a mounted share), read with java.nio; the after-action's move
 * is an atomic rename ({@code ATOMIC_MOVE}) into the move folder, which must be on the same file system (it
 * is: it lies inside the polled folder). Symbolic links are not followed: they are reported as not regular files.
 */
public final class LocalFolder implements RemoteFolder {
    private final Path root;
    private final String shown;

    public LocalFolder(PollerSettings settings) {
        PollerUrl url = settings.url();
        if (url.protocol() != PollerUrl.Protocol.FILE) {
            throw new IllegalArgumentException("not a file:// poller: " + url);
        }
        this.root = Path.of(url.path());
        this.shown = url.toString();
    }

    @Override
    public String describe() {
        return shown;
    }

    @Override
    public FolderSession open() {
        if (!Files.isDirectory(root)) {
            throw new FolderUnreachableException("cannot open folder " + root + ": " + (Files.exists(root) ? "not a folder" : "no such folder (is the share mounted?)"));
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            throw new FolderUnreachableException("cannot open folder " + root + ": permission denied");
        }
        return new Session(root);
    }

    private static final class Session implements FolderSession {
        private final Path root;

        Session(Path root) {
            this.root = root;
        }

        private Path resolve(String relative) {
            return relative.isEmpty() ? root : root.resolve(relative);
        }

        @Override
        public List<RemoteEntry> list(String folder) throws IOException {
            List<RemoteEntry> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(resolve(folder))) {
                for (Path p : stream) {
                    String relative = Paths.join(folder, p.getFileName().toString());
                    try {
                        entries.add(entry(relative, Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
                    } catch (NoSuchFileException e) {
                        // gone between listing and reading its attributes
                    }
                }
            } catch (AccessDeniedException | NoSuchFileException e) {
                throw refused("list " + (folder.isEmpty() ? root.toString() : folder), e);
            }
            return entries;
        }

        @Override
        public Optional<RemoteEntry> stat(String path) throws IOException {
            try {
                return Optional.of(entry(path, Files.readAttributes(resolve(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (FileSystemException e) {
                throw refused("stat " + path, e);
            }
        }

        @Override
        public InputStream open(String path) throws IOException {
            try {
                return Files.newInputStream(resolve(path), LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException e) {
                throw refused("open " + path, e);
            }
        }

        @Override
        public void delete(String path) throws IOException {
            try {
                Files.delete(resolve(path));
            } catch (FileSystemException e) {
                throw refused("delete " + path, e);
            }
        }

        @Override
        public void rename(String from, String to) throws IOException {
            try {
                if (Files.exists(resolve(to), LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(to);
                }
                Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                throw refused("move " + from + " to " + to, e);
            }
        }

        @Override
        public void createFolders(String folder) throws IOException {
            try {
                Files.createDirectories(resolve(folder));
            } catch (FileSystemException e) {
                throw refused("create folder " + folder, e);
            }
        }

        @Override
        public void close() {
            // nothing to release
        }

        private static RemoteEntry entry(String path, BasicFileAttributes a) {
            RemoteEntry.Kind kind = a.isRegularFile() ? RemoteEntry.Kind.FILE : a.isDirectory() ? RemoteEntry.Kind.FOLDER : RemoteEntry.Kind.OTHER;
            return new RemoteEntry(path, kind, a.size(), a.lastModifiedTime().toInstant(), true);
        }

        private static FileRefusedException refused(String what, FileSystemException e) {
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file"
                    : e instanceof FileAlreadyExistsException ? "already exists"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            return new FileRefusedException("cannot " + what + ": " + reason, e);
        }
    }
}
