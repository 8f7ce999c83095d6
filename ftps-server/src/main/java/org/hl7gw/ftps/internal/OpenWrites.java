package org.hl7gw.ftps.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The files being written right now, by all sessions of the server.
 *
 * <p>When a second session opens a file another session is still writing (a partner retrying over a new
 * connection while the old one hangs), the newer writer wins: the older one is <em>superseded</em>, its next
 * write fails (so its transfer fails and is not handed on), and only then is the file truncated for the newer
 * writer. So the bytes of two writers never mix, and only the last writer can complete the file.
 */
final class OpenWrites {
    private final Map<Path, Writer> current = new HashMap<>();
    private final Map<Path, Integer> openCount = new HashMap<>();

    /**
     * Opens a file for writing from {@code offset} (0 truncates it; REST and APPE give the current length to
     * resume). The file must not be a symbolic link.
     */
    synchronized Writer open(Path file, long offset) throws IOException {
        Writer previous = current.get(file);
        if (previous != null) {
            previous.supersede();
        }
        OpenOption[] options = offset == 0
                ? new OpenOption[]{StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS}
                : new OpenOption[]{StandardOpenOption.WRITE, StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS};
        FileChannel channel = FileChannel.open(file, options);
        try {
            if (offset > channel.size()) {
                throw new IOException("restart offset " + offset + " is beyond the end of the file (" + channel.size() + " bytes)");
            }
            if (offset > 0) {
                channel.position(offset);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        Writer writer = new Writer(this, file, channel);
        current.put(file, writer);
        openCount.merge(file, 1, Integer::sum);
        return writer;
    }

    /** Whether a session is writing the file now and has not been superseded (the newest writer). */
    synchronized boolean hasCurrentWriter(Path file) {
        return current.containsKey(file);
    }

    /** Whether any session has the file open for writing now, superseded or not. */
    synchronized boolean isOpen(Path file) {
        return openCount.containsKey(file);
    }

    private synchronized void closed(Writer writer) {
        current.remove(writer.file, writer);
        int left = openCount.merge(writer.file, -1, Integer::sum);
        if (left <= 0) {
            openCount.remove(writer.file);
        }
    }

    /** One session's output to one file. */
    static final class Writer extends OutputStream {
        private final OpenWrites registry;
        private final Path file;
        private final FileChannel channel;
        private boolean superseded;
        private boolean closed;

        private Writer(OpenWrites registry, Path file, FileChannel channel) {
            this.registry = registry;
            this.file = file;
            this.channel = channel;
        }

        Path file() {
            return file;
        }

        /** Whether a newer writer took the file over while this one was open. */
        synchronized boolean superseded() {
            return superseded;
        }

        private synchronized void supersede() {
            superseded = true;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (superseded) {
                throw new IOException(file.getFileName() + " is being written by a newer upload of the same name");
            }
            if (closed) {
                throw new IOException("closed");
            }
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            try {
                channel.close();
            } finally {
                registry.closed(this);
            }
        }
    }
}
