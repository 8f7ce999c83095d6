package org.hl7gw.bench.send;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.bench.mllp.BareSocketCeiling;
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
        return BareSocketCeiling.run(port, frames.size(), (i, out) -> out.write(all, frames.get(i)[0], frames.get(i)[1]));
    }
}
