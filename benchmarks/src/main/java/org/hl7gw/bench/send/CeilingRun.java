package org.hl7gw.bench.send;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7gw.bench.mllp.BareSocketCeiling;
import org.hl7gw.splitter.BatchSplitter;
import org.hl7gw.splitter.ByteSource;
import org.hl7gw.splitter.SplitterSettings;

/** Child JVM of the send benchmark: pre-splits the file into MLLP frames, then times the bare socket client. */
public final class CeilingRun {
    private CeilingRun() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<byte[]> frames = new ArrayList<>();
        new BatchSplitter(SplitterSettings.defaults()).split(ByteSource.of(Path.of(args[1])), m -> {
            byte[] f = new byte[m.bytes().length + 3];
            f[0] = 0x0B;
            System.arraycopy(m.bytes(), 0, f, 1, m.bytes().length);
            f[f.length - 2] = 0x1C;
            f[f.length - 1] = 0x0D;
            frames.add(f);
        });
        System.out.println("RESULT " + BareSocketCeiling.run(port, frames));
    }
}
