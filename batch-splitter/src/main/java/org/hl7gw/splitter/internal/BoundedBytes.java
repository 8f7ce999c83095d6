package org.hl7gw.splitter.internal;

import java.util.Arrays;

/** A growable byte array with a hard limit; never grows past it. */
final class BoundedBytes {
    private byte[] data;
    private int size;
    private final int limit;

    BoundedBytes(int initial, int limit) {
        this.data = new byte[Math.min(initial, limit)];
        this.limit = limit;
    }

    /** Appends, or returns false (appending nothing) when the limit would be passed. */
    boolean append(byte[] b, int off, int len) {
        int needed = size + len;
        if (needed > limit || needed < 0) {
            return false;
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(limit, Math.max((long) needed, (long) data.length * 2)));
        }
        System.arraycopy(b, off, data, size, len);
        size = needed;
        return true;
    }

    boolean append(byte b) {
        if (size == limit) {
            return false;
        }
        if (size == data.length) {
            data = Arrays.copyOf(data, (int) Math.min(limit, (long) data.length * 2 + 1));
        }
        data[size++] = b;
        return true;
    }

    int size() {
        return size;
    }

    byte get(int i) {
        return data[i];
    }

    byte[] array() {
        return data;
    }

    byte[] toArray() {
        return Arrays.copyOf(data, size);
    }

    void clear() {
        size = 0;
        if (data.length > 1 << 20) {
            data = new byte[4096];  // give back what one huge message took
        }
    }
}
