package org.hl7gw.testkit.mllp;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.SocketFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.hl7gw.core.delivery.AckCode;

/**
 * A real MLLP receiver: HAPI's own server ({@code HapiContext.newServer} with a {@link ReceivingApplication}),
 * listening on a free port of 127.0.0.1, answering each message with the ACK HAPI generates for the code a
 * {@link Script} picks (AA, AE, AR, CA, CE, CR), after an optional delay. Records the control IDs (MSH-10)
 * and raw text of the messages it received, in order.
 *
 * <p>TLS variants use the given server {@link SSLContext} (plugged in through HAPI's {@link SocketFactory});
 * {@link #startTls(SSLContext, boolean, Script)} with {@code requireClientCertificate} is mutual TLS.
 */
public final class HapiMllpPeer implements AutoCloseable {

    /** Picks the answer to one message. */
    @FunctionalInterface
    public interface Script {
        Reply reply(Incoming message);

        /** Always the same code, at once. */
        static Script always(AckCode code) {
            return m -> Reply.of(code);
        }
    }

    /**
     * One message as received.
     *
     * @param number 1-based over the peer's life
     * @param controlId its MSH-10
     * @param occurrence how many times this control ID has been received, this time included
     */
    public record Incoming(int number, String controlId, int occurrence) {
    }

    /** The ACK code to answer with and how long to wait first. */
    public record Reply(AckCode code, Duration delay) {
        public Reply {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(delay, "delay");
        }

        public static Reply of(AckCode code) {
            return new Reply(code, Duration.ZERO);
        }

        public Reply after(Duration d) {
            return new Reply(code, d);
        }
    }

    private final HapiContext context;
    private final ExecutorService executor;
    private final HL7Service server;
    private final PeerSocketFactory sockets;
    private final List<String> controlIds = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> occurrences = new HashMap<>();

    private HapiMllpPeer(SSLContext tls, boolean requireClientCertificate, Script script) {
        Objects.requireNonNull(script, "script");
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hapi-mllp-peer");
            t.setDaemon(true);
            return t;
        });
        this.context = new DefaultHapiContext(executor);
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        this.sockets = new PeerSocketFactory(tls, requireClientCertificate);
        context.setSocketFactory(sockets);
        this.server = context.newServer(0, tls != null);
        server.registerApplication(new Application(script));
        server.start();
        sockets.awaitBound(Duration.ofSeconds(10));
    }

    /** A plain MLLP peer. */
    public static HapiMllpPeer start(Script script) {
        return new HapiMllpPeer(null, false, script);
    }

    /** A TLS peer presenting the context's certificate; with {@code requireClientCertificate}, mutual TLS. */
    public static HapiMllpPeer startTls(SSLContext serverContext, boolean requireClientCertificate, Script script) {
        return new HapiMllpPeer(Objects.requireNonNull(serverContext, "serverContext"), requireClientCertificate, script);
    }

    public int port() {
        return sockets.port();
    }

    /** MSH-10 of every message received, in order, repeats included. */
    public List<String> receivedControlIds() {
        return List.copyOf(controlIds);
    }

    /** The raw text of every message received, in order. */
    public List<String> receivedMessages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        // Not stopAndWait(): HAPI's acceptor sits in accept() with a 500 ms timeout, and waiting for it costs each
        // test half a second. Its daemon threads end on their own within that time; connections close at once.
        server.stop();
        for (Connection c : server.getRemoteConnections()) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        executor.shutdownNow();
        try {
            context.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Application implements ReceivingApplication<Message> {
        private final Script script;

        Application(Script script) {
            this.script = script;
        }

        @Override
        public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
            String controlId = new Terser(message).get("/MSH-10");
            Incoming incoming;
            synchronized (occurrences) {
                controlIds.add(controlId);
                Object raw = metadata.get("raw-message");
                messages.add(raw == null ? message.encode() : raw.toString());
                incoming = new Incoming(controlIds.size(), controlId, occurrences.merge(controlId, 1, Integer::sum));
            }
            Reply reply = script.reply(incoming);
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            AcknowledgmentCode code = AcknowledgmentCode.valueOf(reply.code().name());
            HL7Exception error = reply.code().accepted() ? null : new HL7Exception("scripted " + reply.code());
            try {
                return message.generateACK(code, error);
            } catch (IOException e) {
                throw new HL7Exception(e);
            }
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }
    }

    /**
     * Gives HAPI a server socket bound to the loopback address only, whose accepted sockets are, for TLS, server
     * side SSL sockets layered over the TCP connection (the handshake happens on HAPI's first read).
     */
    private static final class PeerSocketFactory implements SocketFactory {
        private final SSLContext tls;
        private final boolean requireClientCertificate;
        private volatile ServerSocket serverSocket;

        PeerSocketFactory(SSLContext tls, boolean requireClientCertificate) {
            this.tls = tls;
            this.requireClientCertificate = requireClientCertificate;
        }

        @Override
        public Socket createSocket() {
            return new Socket();
        }

        @Override
        public Socket createTlsSocket() throws IOException {
            return tls.getSocketFactory().createSocket();
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            serverSocket = new LoopbackServerSocket(null, false);
            return serverSocket;
        }

        @Override
        public ServerSocket createTlsServerSocket() throws IOException {
            serverSocket = new LoopbackServerSocket(tls, requireClientCertificate);
            return serverSocket;
        }

        @Override
        public void configureNewAcceptedSocket(Socket socket) throws SocketException {
            socket.setSoTimeout(500);
        }

        int port() {
            return serverSocket.getLocalPort();
        }

        void awaitBound(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (serverSocket == null || !serverSocket.isBound()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("HAPI's server did not bind within " + timeout);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    private static final class LoopbackServerSocket extends ServerSocket {
        private final SSLContext tls;
        private final boolean requireClientCertificate;

        LoopbackServerSocket(SSLContext tls, boolean requireClientCertificate) throws IOException {
            this.tls = tls;
            this.requireClientCertificate = requireClientCertificate;
        }

        @Override
        public void bind(SocketAddress endpoint, int backlog) throws IOException {
            int port = endpoint instanceof InetSocketAddress a ? a.getPort() : 0;
            super.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
        }

        @Override
        public Socket accept() throws IOException {
            Socket s = super.accept();
            if (tls == null) {
                return s;
            }
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, s.getInetAddress().getHostAddress(), s.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.setNeedClientAuth(requireClientCertificate);
            return ssl;
        }
    }

    /** For tests that look at the peer's state as a whole. */
    @Override
    public String toString() {
        return "HapiMllpPeer[port " + port() + ", received " + new ArrayList<>(controlIds).size() + "]";
    }
}
