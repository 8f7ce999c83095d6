package org.hl7gw.splitter.internal;

import java.util.Arrays;

/**
 * The bytes of the message being cut, copied once. While the message's bytes lie contiguous in the read
 * buffer (segments ended by a lone CR, nothing normalised) they are only tracked as a run of that buffer and
 * copied out when the message closes; anything else (a line feed turned into CR, a message that straddles
 * two reads) spills the run into a growable array.
 *
 * <p>The tokenizer announces each read buffer with {@link #window} and calls {@link #endOfWindow} before it
 * reuses the buffer, so a run never outlives the bytes it points at.
 */
final class MessageBytes {
    private static final byte CR = 0x0D;

    private final BoundedBytes spill;
    private byte[] window;
    private int windowLimit;
    private int runStart = -1;
    private int runEnd;

    MessageBytes(int limit) {
        this.spill = new BoundedBytes(Math.min(8192, limit), limit);
    }

    /**
     * The read buffer the next slices come from, valid up to {@code limit}. The same buffer again means
     * more of it was filled, right after what was there: slices of it stay valid.
     */
    void window(byte[] buffer, int limit) {
        if (buffer != window) {
            endOfWindow();
            window = buffer;
        }
        windowLimit = limit;
    }

    /** The read buffer is about to be reused. */
    void endOfWindow() {
        spillRun();
        window = null;
    }

    /** Appends; the caller keeps the total within the limit. */
    void append(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (b == window) {
            if (runStart >= 0 && off == runEnd) {
                runEnd += len;
                return;
            }
            spillRun();
            runStart = off;
            runEnd = off + len;
            return;
        }
        spillRun();
        spill.append(b, off, len);
    }

    /** Appends the CR that ends a segment: the run takes the buffer's own CR when one follows it. */
    void appendCarriageReturn() {
        if (runStart >= 0 && runEnd < windowLimit && window[runEnd] == CR) {
            runEnd++;
            return;
        }
        spillRun();
        spill.append(CR);
    }

    byte[] toArray() {
        if (spill.size() == 0 && runStart >= 0) {
            return Arrays.copyOfRange(window, runStart, runEnd);
        }
        spillRun();
        return spill.toArray();
    }

    void clear() {
        runStart = -1;
        spill.clear();
    }

    private void spillRun() {
        if (runStart >= 0) {
            spill.append(window, runStart, runEnd - runStart);
            runStart = -1;
        }
    }
}
