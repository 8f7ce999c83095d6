package org.hl7gw.ledger.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7gw.core.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The originals, exactly as received, content-addressed by SHA-256: {@code <root>/ab/cd/<sha256>} where
 * {@code ab} and {@code cd} are the first two and next two hex digits (at most 65,536 directories, so no
 * directory grows huge).
 *
 * <p>{@link #store} streams a file into a temporary file under {@code <root>/tmp} while hashing it (one buffer
 * of {@value #BUFFER_SIZE} bytes; a 1 GB file is never in memory), forces it to disk, then moves it into place
 * atomically, so an archived file is either complete or absent. The same bytes stored twice are kept once. On
 * POSIX file systems archived files are owner-read-only ({@code r--------}) and the directories owner-only
 * ({@code rwx------}): the originals are protected health information.
 *
 * <p>Pitfall: a crash between the temporary file and the move leaves a {@code *.part} file in {@code tmp};
 * call {@link #purgeTemporaryFiles} at start to remove old ones.
 */
public final class Archive {
    private static final Logger LOG = LoggerFactory.getLogger(Archive.class);
    static final int BUFFER_SIZE = 64 * 1024;
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--------");

    private final Path root;
    private final Path tmp;
    private final boolean posix;

    /** An archive rooted at {@code root} (created if missing). */
    public Archive(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.posix = Files.getFileStore(existingAncestor(this.root)).supportsFileAttributeView(PosixFileAttributeView.class);
        createDirectories(this.root);
        this.tmp = this.root.resolve("tmp");
        createDirectories(tmp);
    }

    /** The archive of a data directory: {@code <dataDir>/archive}. */
    public static Archive in(Path dataDir) throws IOException {
        return new Archive(dataDir.resolve("archive"));
    }

    public Path root() {
        return root;
    }

    /**
     * Copies a file into the archive.
     *
     * @return its digest, size and archived path; {@code alreadyPresent} when those bytes were there already
     * @throws IOException when it cannot be read or written; nothing is left behind in that case
     */
    public ArchivedFile store(Path incoming) throws IOException {
        try (InputStream in = Files.newInputStream(incoming)) {
            return store(in);
        }
    }

    /**
     * Copies a stream into the archive (read to its end, not closed).
     *
     * @see #store(Path)
     */
    public ArchivedFile store(InputStream in) throws IOException {
        Path part = Files.createTempFile(tmp, "incoming-", ".part", fileAttributes(PosixFilePermissions.fromString("rw-------")));
        boolean moved = false;
        try {
            MessageDigest digest = Sha256.newDigest();
            long size = 0;
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] bytes = new byte[BUFFER_SIZE];
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                for (int n; (n = in.read(bytes)) != -1; ) {
                    if (n == 0) {
                        continue;
                    }
                    digest.update(bytes, 0, n);
                    buffer.clear().limit(n);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    size += n;
                }
                out.force(true);
            }
            Sha256 sha = Sha256.of(digest);
            Path target = path(sha);
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                LOG.debug("archive already holds {} ({} bytes)", sha.shortForm(), size);
                return new ArchivedFile(sha, size, target, true);
            }
            createDirectories(target.getParent());
            makeReadOnly(part);
            if (Files.exists(target)) {
                LOG.warn("archive copy of {} has the wrong size ({} bytes, expected {}); replacing it", sha, Files.size(target), size);
            }
            move(part, target);
            moved = true;
            syncDirectory(target.getParent());
            LOG.debug("archived {} ({} bytes)", sha.shortForm(), size);
            return new ArchivedFile(sha, size, target, false);
        } finally {
            if (!moved) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // a file system whose rename does not replace: the other copy has the same bytes (same digest)
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the archive's tmp directory and " + target.getParent() + " must be on one file system", e);
        }
    }

    /** Opens an archived original for reading. @throws NoSuchFileException when it is not in the archive */
    public InputStream open(Sha256 sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    /** Where the original with this digest is (or would be). */
    public Path path(Sha256 sha256) {
        Objects.requireNonNull(sha256, "sha256");
        String hex = sha256.hex();
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    public boolean contains(Sha256 sha256) {
        return Files.isRegularFile(path(sha256));
    }

    /**
     * Removes an original (retention). Empty parent directories are removed too.
     *
     * @return false when it was not there
     */
    public boolean delete(Sha256 sha256) throws IOException {
        Path p = path(sha256);
        boolean deleted = Files.deleteIfExists(p);
        for (Path dir = p.getParent(); deleted && !dir.equals(root); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                break;
            }
        }
        return deleted;
    }

    /**
     * Deletes temporary files a crash left in {@code tmp}, if older than {@code olderThan} (a store in another
     * process may be writing a recent one).
     *
     * @return how many were deleted
     */
    public int purgeTemporaryFiles(Duration olderThan) throws IOException {
        FileTime limit = FileTime.from(Instant.now().minus(olderThan));
        int deleted = 0;
        try (Stream<Path> parts = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) parts::iterator) {
                if (p.getFileName().toString().endsWith(".part") && Files.getLastModifiedTime(p).compareTo(limit) < 0
                        && Files.deleteIfExists(p)) {
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            LOG.info("archive: removed {} temporary files left by an interrupted store", deleted);
        }
        return deleted;
    }

    private void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, fileAttributes(DIRECTORY));
        }
    }

    private FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> permissions) {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private void makeReadOnly(Path file) throws IOException {
        if (posix) {
            Files.setPosixFilePermissions(file, READ_ONLY);
        } else if (!file.toFile().setReadOnly()) {
            throw new IOException("cannot make " + file + " read-only");
        }
    }

    /** Makes the new directory entry durable (POSIX); not possible, and not needed, everywhere. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.trace("directory {} cannot be forced to disk here", dir, e);
        }
    }

    private static Path existingAncestor(Path p) {
        Path q = p;
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? p.getRoot() : q;
    }
}
