package org.hl7gw.testkit.mllp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7gw.core.delivery.AckCode;

/**
 * A raw-socket MLLP receiver on 127.0.0.1 for the faults HAPI cannot be made to commit: late ACKs on the same
 * connection, stale ACKs, no ACK, dropped connections, garbage, oversized frames, a peer that never reads.
 *
 * <p>For every message received, a {@link Script} returns the {@link Action}s to perform, in order; no action
 * means no answer. Records the control ID (MSH-10) and bytes of every message received, in order, and counts
 * connections. One thread per connection; close it to stop.
 */
public final class ScriptedMllpPeer implements AutoCloseable {
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    /** Decides what to answer to one message. */
    @FunctionalInterface
    public interface Script {
        List<Action> respond(Received message);

        /** Whether the peer reads the n-th connection (1-based) at all; false models a half-open peer. */
        default boolean reads(int connection) {
            return true;
        }
    }

    /**
     * One message as received.
     *
     * @param number 1-based over the peer's life
     * @param connection 1-based number of the connection it came on
     * @param controlId its MSH-10
     * @param occurrence how many times this control ID has been received, this time included
     * @param message its bytes
     */
    public record Received(int number, int connection, String controlId, int occurrence, byte[] message) {
    }

    /** Something the peer does in answer to a message. */
    public sealed interface Action {
        /** Sends a framed ACK with the code, for the message's own control ID. */
        static Action ack(AckCode code) {
            return new SendAck(code, null, "");
        }

        /** Sends a framed ACK with the code for another control ID (a stale or stray ACK). */
        static Action ackFor(String controlId, AckCode code) {
            return new SendAck(code, controlId, "");
        }

        /** Sends a framed ACK with MSA-3 text. */
        static Action ack(AckCode code, String text) {
            return new SendAck(code, null, text);
        }

        /** Sends the bytes as they are, no framing added. */
        static Action raw(byte[] bytes) {
            return new SendRaw(bytes.clone());
        }

        /** Sends the content framed. */
        static Action frame(String content) {
            return new SendRaw(MllpBytes.frame(content));
        }

        /** Waits before the next action (the connection is not read meanwhile). */
        static Action pause(Duration duration) {
            return new Pause(duration);
        }

        /** Closes the connection. */
        static Action close() {
            return new Close();
        }
    }

    record SendAck(AckCode code, String controlId, String text) implements Action {
    }

    record SendRaw(byte[] bytes) implements Action {
    }

    record Pause(Duration duration) implements Action {
    }

    record Close() implements Action {
    }

    private final Script script;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> occurrences = new HashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ScriptedMllpPeer(Script script) throws IOException {
        this.script = Objects.requireNonNull(script, "script");
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::acceptLoop, "scripted-mllp-peer-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free port of 127.0.0.1. */
    public static ScriptedMllpPeer start(Script script) {
        try {
            return new ScriptedMllpPeer(script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    /** A peer that accepts connections and never reads from them. */
    public static ScriptedMllpPeer neverReading() {
        return start(new Script() {
            @Override
            public List<Action> respond(Received message) {
                return List.of();
            }

            @Override
            public boolean reads(int connection) {
                return false;
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The control IDs received, in order, repeats included. */
    public List<String> receivedControlIds() {
        List<String> ids = new ArrayList<>();
        for (Received r : received) {
            ids.add(r.controlId());
        }
        return ids;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Connections accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    /** Unexpected errors of the peer itself (not closed connections). */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                int n = connections.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s, n), "scripted-mllp-peer-connection-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    errors.add(e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            if (!script.reads(connection)) {
                while (!closed && !socket.isClosed()) {
                    Thread.sleep(20);
                }
                return;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                byte[] message = MllpBytes.readFrame(in, MAX_MESSAGE);
                if (message == null) {
                    return;
                }
                String controlId = MllpBytes.controlId(message);
                Received r;
                synchronized (occurrences) {
                    int occurrence = occurrences.merge(controlId, 1, Integer::sum);
                    r = new Received(received.size() + 1, connection, controlId, occurrence, message);
                    received.add(r);
                }
                for (Action a : script.respond(r)) {
                    if (!perform(a, r, out)) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the gateway closed or reset the connection: part of the scenarios
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            errors.add(e);
        }
    }

    /** False when the connection is to be closed. */
    private boolean perform(Action a, Received r, OutputStream out) throws IOException, InterruptedException {
        if (a instanceof SendAck ack) {
            String id = ack.controlId() != null ? ack.controlId() : r.controlId();
            out.write(MllpBytes.frame(MllpBytes.ack(ack.code().name(), id, ack.text()).getBytes(StandardCharsets.UTF_8)));
            out.flush();
        } else if (a instanceof SendRaw raw) {
            out.write(raw.bytes());
            out.flush();
        } else if (a instanceof Pause pause) {
            Thread.sleep(pause.duration().toMillis());
        } else if (a instanceof Close) {
            return false;
        }
        return true;
    }
}
