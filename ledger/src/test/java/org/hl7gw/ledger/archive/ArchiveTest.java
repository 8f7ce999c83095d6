package org.hl7gw.ledger.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.hl7gw.core.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {

    @TempDir
    Path dir;

    private Archive archive;
    private Path incoming;
    private Sha256 expected;
    private long size;

    /** A file of 5 buffers and a bit, written in pieces so that no test holds it whole either. */
    @BeforeEach
    void writeIncomingFile() throws IOException {
        archive = Archive.in(dir.resolve("data"));
        incoming = dir.resolve("upload.pgp");
        MessageDigest digest = Sha256.newDigest();
        Random random = new Random(42);
        byte[] piece = new byte[10_007];
        try (OutputStream out = Files.newOutputStream(incoming)) {
            while (size < 5L * Archive.BUFFER_SIZE + 1234) {
                random.nextBytes(piece);
                out.write(piece);
                digest.update(piece);
                size += piece.length;
            }
        }
        expected = Sha256.of(digest);
    }

    @Test
    void storeCopiesTheBytesExactlyUnderTheirDigest() throws IOException {
        ArchivedFile stored = archive.store(incoming);

        assertThat(stored.sha256()).isEqualTo(expected);
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.alreadyPresent()).isFalse();
        String hex = expected.hex();
        assertThat(stored.path()).isEqualTo(dir.resolve("data/archive").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex));
        assertThat(Files.mismatch(stored.path(), incoming)).isEqualTo(-1L);
        assertThat(Files.exists(incoming)).as("the caller's copy is left alone").isTrue();
        try (InputStream in = archive.open(expected)) {
            assertThat(Sha256.of(in)).isEqualTo(expected);
        }
        assertThat(archive.contains(expected)).isTrue();
        assertThat(archive.path(expected)).isEqualTo(stored.path());
        try (Stream<Path> tmp = Files.list(archive.root().resolve("tmp"))) {
            assertThat(tmp).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void theSameBytesStoredTwiceAreKeptOnce() throws IOException {
        ArchivedFile first = archive.store(incoming);
        FileTime firstWritten = Files.getLastModifiedTime(first.path());

        ArchivedFile second;
        try (InputStream in = Files.newInputStream(incoming)) {
            second = archive.store(in);
        }

        assertThat(second.alreadyPresent()).isTrue();
        assertThat(second.path()).isEqualTo(first.path());
        assertThat(Files.getLastModifiedTime(second.path())).isEqualTo(firstWritten);
        try (Stream<Path> files = Files.walk(archive.root())) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void archivedFilesAreReadOnlyAndPrivate() throws IOException {
        ArchivedFile stored = archive.store(incoming);

        assertThat(Files.getPosixFilePermissions(stored.path())).containsExactly(PosixFilePermission.OWNER_READ);
        assertThat(Files.getPosixFilePermissions(stored.path().getParent())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void anEmptyStreamIsArchivedToo() throws IOException {
        ArchivedFile stored = archive.store(new ByteArrayInputStream(new byte[0]));

        assertThat(stored.size()).isZero();
        assertThat(stored.sha256()).isEqualTo(Sha256.of(new byte[0]));
        assertThat(Files.size(stored.path())).isZero();
    }

    @Test
    void aFailedReadLeavesNothingBehind() {
        InputStream broken = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 100_000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> archive.store(broken)).isInstanceOf(IOException.class).hasMessage("connection reset");
        try (Stream<Path> files = Files.walk(archive.root())) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deleteRemovesTheOriginalAndItsEmptyDirectories() throws IOException {
        ArchivedFile stored = archive.store(incoming);

        assertThat(archive.delete(expected)).isTrue();

        assertThat(archive.contains(expected)).isFalse();
        assertThat(Files.exists(stored.path().getParent().getParent())).isFalse();
        assertThat(archive.delete(expected)).isFalse();
        assertThatThrownBy(() -> archive.open(expected)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void onlyOldTemporaryFilesArePurged() throws IOException {
        Path tmp = archive.root().resolve("tmp");
        Path old = Files.writeString(tmp.resolve("incoming-1.part"), "left by a crash");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path recent = Files.writeString(tmp.resolve("incoming-2.part"), "being written by another process");

        assertThat(archive.purgeTemporaryFiles(Duration.ofHours(1))).isEqualTo(1);

        assertThat(Files.exists(old)).isFalse();
        assertThat(Files.exists(recent)).isTrue();
    }
}
