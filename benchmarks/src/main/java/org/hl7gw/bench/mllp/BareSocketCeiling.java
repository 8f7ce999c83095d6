package org.hl7gw.bench.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * The ceiling for one ordered MLLP connection: a bare socket client that writes pre-framed messages one at a
 * time and reads until the ACK's END_OF_BLOCK + CR before writing the next. No parsing, no bookkeeping: what
 * the lane does on top of this is its overhead.
 *
 * <pre>
 *   java ... org.hl7gw.bench.mllp.BareSocketCeiling PORT [MESSAGES]   (against a running FastAckResponder)
 * </pre>
 */
public final class BareSocketCeiling {
    private BareSocketCeiling() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<byte[]> frames = MllpLaneBenchmark.frames(MllpLaneBenchmark.messages(messages));
        double rate = run(port, frames);
        System.out.printf("bare socket: %,.0f msgs/s%n", rate);
    }

    /** Writes frame {@code i} of a run. */
    @FunctionalInterface
    public interface Frames {
        void write(int i, OutputStream out) throws IOException;
    }

    /** Sends every frame and waits for each ACK; returns messages per second. */
    public static double run(int port, List<byte[]> frames) throws IOException {
        return run(port, frames.size(), (i, out) -> out.write(frames.get(i)));
    }

    /** Sends {@code count} frames one at a time, waiting for each ACK; returns messages per second. */
    public static double run(int port, int count, Frames frames) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                frames.write(i, out);
                awaitFrameEnd(in, buffer);
            }
            long elapsed = System.nanoTime() - t0;
            return count * 1e9 / elapsed;
        }
    }

    /** Reads until END_OF_BLOCK followed by CR (one ACK per message, so no read-ahead is lost). */
    public static void awaitFrameEnd(InputStream in, byte[] buffer) throws IOException {
        boolean sawEnd = false;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("responder closed the connection");
            }
            for (int i = 0; i < n; i++) {
                if (sawEnd && buffer[i] == 0x0D) {
                    return;
                }
                sawEnd = buffer[i] == 0x1C;
            }
        }
    }
}
