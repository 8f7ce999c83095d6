package org.hl7gw.bench.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A minimal MLLP receiver that acknowledges every message and records when each control ID first arrived. */
final class ArrivalRecorder implements AutoCloseable {
    private final ServerSocket server;
    final Map<String, Long> arrivals = new ConcurrentHashMap<>();

    ArrivalRecorder() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::accept, "arrival-recorder");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "arrival-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
            int b;
            long first = 0;
            while ((b = in.read()) >= 0) {
                if (b == 0x0B) {
                    frame.reset();
                    first = System.nanoTime();
                } else if (b == 0x1C) {
                    in.read();
                    String msg = frame.toString(StandardCharsets.ISO_8859_1);
                    String id = msg.substring(0, msg.indexOf('\r')).split("\\|", -1)[9];
                    arrivals.putIfAbsent(id, first);
                    out.write(("\u000bMSH|^~\\&|R|R|S|S|20260101||ACK|" + id + "|P|2.5.1\rMSA|AA|" + id + "\r\u001c\r").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } else {
                    frame.write(b);
                }
            }
        } catch (IOException | RuntimeException e) {
            // connection ended
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
