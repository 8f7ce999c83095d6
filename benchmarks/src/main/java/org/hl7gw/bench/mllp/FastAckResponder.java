package org.hl7gw.bench.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal, fast MLLP receiver for benchmarks: one thread per connection reads a frame, finds MSH-10 and
 * answers {@code MSH|^~\&|...\rMSA|AA|<id>\r}, framed, in one write. No HL7 parsing beyond the first segment,
 * no logging: the point is that the receiver is never the bottleneck.
 *
 * <pre>
 *   java ... org.hl7gw.bench.mllp.FastAckResponder [PORT]     (prints the port; 0 or nothing = a free port)
 * </pre>
 */
public final class FastAckResponder implements AutoCloseable {
    private static final byte SB = 0x0B;
    private static final byte EB = 0x1C;
    private static final byte CR = 0x0D;
    private static final byte[] ACK_HEAD = "MSH|^~\\&|FAST|ACK|HL7GW|GW|20240101000000||ACK|A|P|2.5\rMSA|AA|".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicLong acks = new AtomicLong();
    private volatile boolean closed;

    public FastAckResponder(int port) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        acceptor = new Thread(this::acceptLoop, "fast-ack-responder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        FastAckResponder responder = new FastAckResponder(port);
        System.out.println(responder.port());
        System.out.flush();
        responder.acceptor.join();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** ACKs sent so far. */
    public long acks() {
        return acks.get();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "fast-ack-responder-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Answers each frame as soon as its END_OF_BLOCK arrives; the CR after it is skipped. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[256 * 1024];
            byte[] head = new byte[1024];
            byte[] reply = new byte[1024];
            int headLength = 0;
            boolean inFrame = false;
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (!inFrame) {
                        if (b == SB) {
                            inFrame = true;
                            headLength = 0;
                        }
                        // anything else between frames (the CR after END_OF_BLOCK) is skipped
                    } else if (b == EB) {
                        inFrame = false;
                        out.write(reply, 0, reply(head, headLength, reply));
                        acks.incrementAndGet();
                    } else if (headLength < head.length) {
                        head[headLength++] = b; // MSH-10 lies in the first segment; the rest is not needed
                    }
                }
            }
        } catch (IOException e) {
            // connection ended
        }
    }

    /** Builds the framed ACK for the message's MSH-10 into {@code reply}; returns its length. */
    private static int reply(byte[] frame, int length, byte[] reply) {
        int start = -1;
        int end = length;
        int separators = 0;
        for (int i = 0; i < length; i++) {
            byte b = frame[i];
            if (b == CR) {
                end = start < 0 ? i : Math.min(end, i);
                break;
            }
            if (b == '|') {
                separators++;
                if (separators == 9) {
                    start = i + 1;
                } else if (separators == 10) {
                    end = i;
                    break;
                }
            }
        }
        int idLength = start < 0 ? 0 : Math.max(0, end - start);
        int p = 0;
        reply[p++] = SB;
        System.arraycopy(ACK_HEAD, 0, reply, p, ACK_HEAD.length);
        p += ACK_HEAD.length;
        if (idLength > 0) {
            System.arraycopy(frame, start, reply, p, Math.min(idLength, reply.length - p - 4));
            p += Math.min(idLength, reply.length - p - 4);
        }
        reply[p++] = CR;
        reply[p++] = EB;
        reply[p++] = CR;
        return p;
    }

    @Override
    public String toString() {
        return "FastAckResponder[port " + port() + ", " + acks() + " acks]";
    }
}
