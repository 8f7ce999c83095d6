package org.hl7gw.mllp.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the deadline of every exchange, write and read alike, by closing the connection of an exchange
 * that passes it; the blocked write or read then fails at once and the exchange reports a timeout.
 *
 * <p>Why not SO_TIMEOUT: it does not bound writes (a peer that never reads lets the kernel buffers fill and
 * a write blocks for ever), and setting it switches the JDK's socket to non-blocking mode, in which each ACK
 * read costs read + poll + read system calls instead of one blocking read (measured: about 40% more system
 * calls per message than a bare socket). This daemon thread checks the open connections every
 * {@value #TICK_MILLIS} ms, so a timeout fires at most that much after its deadline.
 */
final class ExchangeWatchdog {
    static final long TICK_MILLIS = 25;

    private final Set<MllpConnection> connections = ConcurrentHashMap.newKeySet();
    private final String name;
    private Thread thread;

    ExchangeWatchdog(String name) {
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
                    c.abortIfLate(now);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
