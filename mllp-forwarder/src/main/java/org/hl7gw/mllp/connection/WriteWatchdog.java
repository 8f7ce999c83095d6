package org.hl7gw.mllp.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds writes. SO_TIMEOUT does not apply to writes: a peer that accepts a connection and never reads lets
 * the kernel buffers fill, and then a write blocks for ever. This daemon thread looks at the connections'
 * write deadlines every {@value #TICK_MILLIS} ms and aborts (closes) a connection whose write is late, which
 * makes the blocked write fail at once.
 */
final class WriteWatchdog {
    static final long TICK_MILLIS = 50;
    private static final Logger log = LoggerFactory.getLogger(WriteWatchdog.class);

    private final Set<MllpConnection> connections = ConcurrentHashMap.newKeySet();
    private final String name;
    private Thread thread;

    WriteWatchdog(String name) {
        this.name = name;
    }

    synchronized void register(MllpConnection connection) {
        connections.add(connection);
        if (thread == null) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void unregister(MllpConnection connection) {
        connections.remove(connection);
    }

    /** Stops the thread; the next {@link #register} starts a new one. */
    synchronized void close() {
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(TICK_MILLIS);
                long now = System.nanoTime();
                for (MllpConnection c : connections) {
                    if (c.writeIsLate(now)) {
                        log.debug("aborting a write that passed its deadline on {}", c);
                        c.abortLateWrite();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
