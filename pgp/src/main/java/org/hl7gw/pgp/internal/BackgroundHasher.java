package org.hl7gw.pgp.internal;

import java.io.InterruptedIOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds plaintext to the signature hash (SHA-512 for GnuPG's signatures, the costliest step after
 * decompression) on a second thread, so hashing overlaps decryption and decompression. Memory is bounded:
 * four 256 KiB buffers circulate between the two threads; the reader waits when all are in use.
 *
 * <p>The thread ends at {@link #finish()}, at {@link #stop()}, or by itself once the message that started it
 * is no longer reachable (a caller that dropped the stream without closing it).
 */
final class BackgroundHasher {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundHasher.class);
    private static final int BUFFER = 256 * 1024;
    private static final int BUFFERS = 4;

    /** Receives the data, in order, on the hashing thread. */
    interface Sink {
        void update(byte[] b, int off, int len);
    }

    private record Chunk(byte[] data, int length) {
        static final Chunk END = new Chunk(null, -1);
    }

    private final BlockingQueue<Chunk> work = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile Throwable failure;
    private byte[] current;
    private int filled;
    private boolean finished;

    /**
     * @param owner the object whose unreachability means nobody will finish this (weakly held)
     */
    BackgroundHasher(Sink sink, Object owner) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        WeakReference<Object> ownerRef = new WeakReference<>(owner);
        BlockingQueue<Chunk> queue = work;
        BlockingQueue<byte[]> spare = free;
        CountDownLatch latch = done;
        thread = new Thread(() -> run(sink, ownerRef, queue, spare, latch), "pgp-signature-hash");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Sink sink, WeakReference<Object> owner, BlockingQueue<Chunk> queue, BlockingQueue<byte[]> spare,
                     CountDownLatch latch) {
        try {
            while (true) {
                Chunk c = queue.poll(10, TimeUnit.SECONDS);
                if (c == null) {
                    if (owner.get() == null) {
                        LOG.debug("signature hashing abandoned: the stream was dropped without being closed");
                        return;
                    }
                    continue;
                }
                if (c.data() == null) {
                    return;
                }
                if (failure == null) {
                    try {
                        sink.update(c.data(), 0, c.length());
                    } catch (RuntimeException | Error e) {
                        failure = e;
                    }
                }
                spare.add(c.data());
            }
        } catch (InterruptedException e) {
            // stopped
        } finally {
            latch.countDown();
        }
    }

    /** Copies the data for hashing; waits while all buffers are in use. */
    void update(byte[] b, int off, int len) throws InterruptedIOException {
        while (len > 0) {
            if (current == null) {
                current = take();
                filled = 0;
            }
            int n = Math.min(len, BUFFER - filled);
            System.arraycopy(b, off, current, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BUFFER) {
                put(new Chunk(current, filled));
                current = null;
            }
        }
    }

    /** Hands over what is left and waits until everything has been hashed. */
    void finish() throws InterruptedIOException {
        if (finished) {
            return;
        }
        finished = true;
        if (current != null && filled > 0) {
            put(new Chunk(current, filled));
            current = null;
        }
        put(Chunk.END);
        try {
            done.await();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the signature hash");
        }
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    /** Ends the thread without waiting. */
    void stop() {
        finished = true;
        thread.interrupt();
    }

    private byte[] take() throws InterruptedIOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    private void put(Chunk c) throws InterruptedIOException {
        try {
            work.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }
}
