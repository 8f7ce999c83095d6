package org.hl7gw.splitter;

import java.io.InputStream;

/** Hands out its bytes in reads cut at given boundaries: to prove the reader does not care where reads end. */
final class ChunkedInputStream extends InputStream {
    private final byte[] data;
    private final int[] cuts;
    private int pos;
    private int nextCut;

    /** Reads end at each of {@code cuts} (ascending) and otherwise at most every {@code every} bytes. */
    ChunkedInputStream(byte[] data, int every, int... cuts) {
        this.data = data;
        this.cuts = cuts;
        this.every = every;
    }

    private final int every;

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
            return -1;
        }
        int end = Math.min(data.length, pos + Math.min(len, every));
        while (nextCut < cuts.length && cuts[nextCut] <= pos) {
            nextCut++;
        }
        if (nextCut < cuts.length && cuts[nextCut] < end) {
            end = cuts[nextCut];
        }
        int n = end - pos;
        System.arraycopy(data, pos, b, off, n);
        pos = end;
        return n;
    }
}
