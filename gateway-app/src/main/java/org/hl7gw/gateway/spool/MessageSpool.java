package org.hl7gw.gateway.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The work copy of the messages waiting to be sent: one file per ledger file under
 * {@code <dataDir>/work/spool/<fileId>.msgs}, holding its messages back to back, exactly as they are sent.
 * The ledger keeps each message's offset, length and SHA-256, so the spool is a cache: when it is missing or
 * does not match (a crash, a disk fault, a cleaned folder), it is rebuilt from the archived original.
 *
 * <p>It is plaintext health data, so it exists only while a file has messages to send and is deleted when
 * the file is finished.
 */
public final class MessageSpool implements AutoCloseable {
    private static final int OPEN_FILES = 8;

    private final Path dir;
    private final Map<Long, FileChannel> readers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, FileChannel> eldest) {
            if (size() > OPEN_FILES) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    public MessageSpool(Path dataDir) {
        this.dir = dataDir.resolve("work").resolve("spool");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    public Path path(long fileId) {
        return dir.resolve(fileId + ".msgs");
    }

    /** Starts (or restarts) the spool of a file; an earlier partial one is replaced. */
    public Writer create(long fileId) throws IOException {
        forget(fileId);
        Path tmp = dir.resolve(fileId + ".msgs.part");
        return new Writer(fileId, tmp, path(fileId));
    }

    /** Reads {@code length} bytes at {@code offset} of a file's spool; throws when it is missing or short. */
    public synchronized byte[] read(long fileId, long offset, int length) throws IOException {
        FileChannel ch = readers.get(fileId);
        if (ch == null) {
            ch = FileChannel.open(path(fileId), StandardOpenOption.READ);
            readers.put(fileId, ch);
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("spool of file " + fileId + " ends before offset " + (offset + length));
            }
            pos += n;
        }
        return buf.array();
    }

    public boolean exists(long fileId) {
        return Files.isRegularFile(path(fileId));
    }

    /** Deletes a file's spool (its messages are all settled, or it will be rebuilt). */
    public synchronized void delete(long fileId) throws IOException {
        forget(fileId);
        Files.deleteIfExists(path(fileId));
        Files.deleteIfExists(dir.resolve(fileId + ".msgs.part"));
    }

    private synchronized void forget(long fileId) {
        FileChannel ch = readers.remove(fileId);
        if (ch != null) {
            closeQuietly(ch);
        }
    }

    @Override
    public synchronized void close() {
        readers.values().forEach(MessageSpool::closeQuietly);
        readers.clear();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing a read-only channel
        }
    }

    /** Appends messages; {@link #commit()} makes the spool durable and visible under its final name. */
    public final class Writer implements AutoCloseable {
        private final long fileId;
        private final Path tmp;
        private final Path target;
        private final FileChannel ch;
        private final java.io.OutputStream out;
        private long offset;
        private boolean committed;

        private Writer(long fileId, Path tmp, Path target) throws IOException {
            this.fileId = fileId;
            this.tmp = tmp;
            this.target = target;
            this.ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            this.out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 256 * 1024);
        }

        /** Appends one message; returns its offset. */
        public long append(byte[] message) throws IOException {
            long at = offset;
            out.write(message);
            offset += message.length;
            return at;
        }

        public void commit() throws IOException {
            out.flush();
            ch.force(false);
            ch.close();
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                ch.close();
                Files.deleteIfExists(tmp);
            }
        }

        public long fileId() {
            return fileId;
        }
    }
}
