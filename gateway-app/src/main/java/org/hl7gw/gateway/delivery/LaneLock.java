package org.hl7gw.gateway.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.hl7gw.core.Sha256;

/**
 * One lane per destination across processes: whoever holds {@code <dataDir>/locks/lane-<hash>.lock} sends to
 * that destination (the service, or a {@code send}/{@code rerun} command when no service runs). Another
 * process that finds it held hands its work to the holder through the ledger instead of opening a second
 * connection, so the destination's order is kept. The operating system releases the lock when the holder dies.
 */
public final class LaneLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private LaneLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process (or this one) holds it. */
    public static Optional<LaneLock> tryAcquire(Path dataDir, String destination) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("locks"));
        String hash = Sha256.of(destination.getBytes(StandardCharsets.UTF_8)).shortForm();
        Path file = dir.resolve("lane-" + hash + ".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return Optional.empty();
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((destination + "\n" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            return Optional.of(new LaneLock(ch, l));
        } catch (OverlappingFileLockException e) {
            ch.close();
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
