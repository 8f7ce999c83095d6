package org.hl7gw.bench.send;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.splitter.BatchSplitter;
import org.hl7gw.splitter.ByteSource;
import org.hl7gw.splitter.SplitterSettings;

/**
 * Child JVM of the send benchmark: pre-splits the file into MLLP frames (packed into one array, so that the
 * garbage collector has nothing to copy while the clock runs), then sends them one at a time, waiting for each
 * ACK: the ceiling.
 */
public final class CeilingRun {
    private CeilingRun() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        List<int[]> frames = new ArrayList<>();
        new BatchSplitter(SplitterSettings.defaults()).split(ByteSource.of(Path.of(args[1])), m -> {
            int start = packed.size();
            packed.write(0x0B);
            packed.write(m.bytes());
            packed.write(0x1C);
            packed.write(0x0D);
            frames.add(new int[] {start, packed.size() - start});
        });
        byte[] all = packed.toByteArray();
        System.gc();
        System.out.println("RESULT " + run(port, all, frames));
    }

    private static double run(int port, byte[] all, List<int[]> frames) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            long t0 = System.nanoTime();
            for (int[] f : frames) {
                out.write(all, f[0], f[1]);
                org.hl7gw.bench.mllp.BareSocketCeiling.awaitFrameEnd(in, buffer);
            }
            return frames.size() * 1e9 / (System.nanoTime() - t0);
        }
    }
}
