package org.hl7gw.splitter.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Cuts a byte stream into physical lines without holding more than one read buffer.
 *
 * <p>Line breaks are CR, LF and CRLF (a CR at the end of one read and an LF at the start of the next are
 * still one CRLF). MLLP framing is recognised: 0x0B at the start of a line is reported by
 * {@link LineListener#startOfBlock()}; 0x1C ends a line as {@link Terminator#END_OF_BLOCK} and swallows
 * the CR, LF or CRLF right after it (the frame trailer). A UTF-8 byte-order mark at offset 0 is skipped.
 * Any other byte below 0x20 except TAB is binary data and stops the tokenizer.
 *
 * <p>Speed: the scan looks at eight bytes at a time for a byte below 0x20, since every byte of interest
 * (CR, LF, 0x0B, 0x1C, TAB and binary data) is one; runs of ordinary text go to the listener as one slice.
 */
final class LineTokenizer {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_LIMIT = 0x2020202020202020L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte CR = 0x0D;
    private static final byte LF = 0x0A;
    private static final byte TAB = 0x09;
    private static final byte START_OF_BLOCK = 0x0B;
    private static final byte END_OF_BLOCK = 0x1C;

    /** What the last byte of the previous read left undecided. */
    private enum Pending { NONE, CR, END_OF_BLOCK, END_OF_BLOCK_CR }

    /**
     * Where each read goes: {@link #next()} names the array, {@link #from()} and {@link #length()} the region
     * of it. The previous region is no longer the tokenizer's once {@code next()} is called.
     */
    interface Buffers {
        byte[] next() throws IOException;

        int from();

        int length();
    }

    private final InputStream in;
    private final Buffers buffers;
    private final LineListener listener;
    private byte[] buf;

    private long line = 1;
    private long consumed;
    /** Input offset of {@code buf[0]} during a scan. */
    private long base;
    private boolean atLineStart = true;
    private boolean lineBegun;
    private Pending pending = Pending.NONE;

    LineTokenizer(InputStream in, int bufferSize, LineListener listener) {
        this(in, sameBuffer(bufferSize), listener);
    }

    /** Reads into the buffers given, one per read (all of the same size, at least 16 bytes). */
    LineTokenizer(InputStream in, Buffers buffers, LineListener listener) {
        this.in = in;
        this.buffers = buffers;
        this.listener = listener;
    }

    private static Buffers sameBuffer(int size) {
        if (size < 16) {
            throw new IllegalArgumentException("buffer too small: " + size);
        }
        byte[] only = new byte[size];
        return new Buffers() {
            @Override
            public byte[] next() {
                return only;
            }

            @Override
            public int from() {
                return 0;
            }

            @Override
            public int length() {
                return size;
            }
        };
    }

    /** Reads the whole input, then reports {@link Terminator#EOF}. */
    void run() throws IOException, BinaryDataException {
        int n = fillFirst();
        if (n > 0) {
            int from = buffers.from();
            scan(from, hasByteOrderMark(from, n) ? from + 3 : from, from + n);
            consumed += n;
            while ((n = in.read(buf = buffers.next(), from = buffers.from(), buffers.length())) >= 0) {
                if (n > 0) {
                    scan(from, from, from + n);
                    consumed += n;
                }
            }
        }
        if (pending == Pending.CR) {
            endLine(Terminator.CR);
        }
        pending = Pending.NONE;
        if (!lineBegun) {
            beginLine(consumed);
        }
        listener.lineEnd(Terminator.EOF);
    }

    /** Bytes read so far. */
    long bytesRead() {
        return consumed;
    }

    /** Reads until at least three bytes are there (to see a BOM whole) or the input ends. */
    private int fillFirst() throws IOException {
        buf = buffers.next();
        int from = buffers.from();
        int length = buffers.length();
        int total = 0;
        while (total < 3) {
            int r = in.read(buf, from + total, length - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    private boolean hasByteOrderMark(int from, int n) {
        return n >= 3 && (buf[from] & 0xFF) == 0xEF && (buf[from + 1] & 0xFF) == 0xBB && (buf[from + 2] & 0xFF) == 0xBF;
    }

    /** Scans {@code buf[start, limit)}, the bytes of the read that filled {@code buf[from, limit)}. */
    private void scan(int from, int start, int limit) throws IOException, BinaryDataException {
        base = consumed - from;
        listener.window(buf, limit, base, line);
        try {
            scanWindow(start, limit);
        } finally {
            listener.endOfWindow();
        }
    }

    private void scanWindow(int from, int limit) throws IOException, BinaryDataException {
        int i = from;
        while (i < limit) {
            if (pending != Pending.NONE) {
                byte b = buf[i];
                Pending p = pending;
                pending = Pending.NONE;
                if (p == Pending.CR) {
                    if (b == LF) {
                        endLine(Terminator.CRLF);
                        i++;
                        continue;
                    }
                    endLine(Terminator.CR);
                } else if (p == Pending.END_OF_BLOCK && b == CR) {
                    pending = Pending.END_OF_BLOCK_CR;
                    i++;
                    continue;
                } else if (b == LF) {
                    i++;
                    continue;
                }
            }
            if (atLineStart) {
                int next = wholeLine(i, limit);
                if (next > 0) {
                    i = next;
                    continue;
                }
                beginLine(base + i);
                if (buf[i] == START_OF_BLOCK) {
                    listener.startOfBlock();
                    i++;
                    continue;
                }
            }
            int special = findControl(i, limit);
            if (special > i) {
                listener.content(buf, i, special - i);
            }
            if (special == limit) {
                return;
            }
            i = special + 1;
            switch (buf[special]) {
                case CR -> {
                    if (i == limit) {
                        pending = Pending.CR;
                    } else if (buf[i] == LF) {
                        endLine(Terminator.CRLF);
                        i++;
                    } else {
                        endLine(Terminator.CR);
                    }
                }
                case LF -> endLine(Terminator.LF);
                case END_OF_BLOCK -> {
                    endLine(Terminator.END_OF_BLOCK);
                    pending = Pending.END_OF_BLOCK;
                }
                case TAB -> listener.content(buf, special, 1);
                default -> throw new BinaryDataException(buf[special] & 0xFF, line, base + special);
            }
        }
    }

    /**
     * Hands over the line starting at {@code i} in one call when it ends in this buffer with CR, LF or CRLF
     * and holds no TAB or framing byte; returns the index after its terminator, or 0 to take the slow path.
     */
    private int wholeLine(int i, int limit) throws IOException {
        if (buf[i] == START_OF_BLOCK) {
            return 0;
        }
        int end = findControl(i, limit);
        if (end >= limit) {
            return 0;
        }
        Terminator t;
        int next = end + 1;
        byte c = buf[end];
        if (c == LF) {
            t = Terminator.LF;
        } else if (c == CR && next < limit) {
            if (buf[next] == LF) {
                t = Terminator.CRLF;
                next++;
            } else {
                t = Terminator.CR;
            }
        } else {
            return 0;
        }
        listener.wholeLine(buf, i, end, t, line, base + i, end - i >= 4 ? LineListener.head(buf, i) : 0);
        line++;
        return next;
    }

    private void beginLine(long offset) throws IOException {
        atLineStart = false;
        lineBegun = true;
        listener.lineBegin(line, offset);
    }

    private void endLine(Terminator t) throws IOException {
        if (!lineBegun) {
            beginLine(consumed);
        }
        listener.lineEnd(t);
        line++;
        lineBegun = false;
        atLineStart = true;
    }

    /** Index of the first byte below 0x20 in [from, limit), or limit. */
    private int findControl(int from, int limit) {
        int i = from;
        int last16 = limit - 16;
        while (i <= last16) {
            long w1 = (long) LONGS.get(buf, i);
            long w2 = (long) LONGS.get(buf, i + 8);
            long hit1 = (w1 - LOW_LIMIT) & ~w1 & HIGHS;
            long hit2 = (w2 - LOW_LIMIT) & ~w2 & HIGHS;
            if ((hit1 | hit2) != 0) {
                return hit1 != 0 ? i + (Long.numberOfTrailingZeros(hit1) >>> 3) : i + 8 + (Long.numberOfTrailingZeros(hit2) >>> 3);
            }
            i += 16;
        }
        int last = limit - 8;
        while (i <= last) {
            long w = (long) LONGS.get(buf, i);
            // a byte below 0x20 sets its high bit here; borrows can only mark bytes after the first hit
            long hit = (w - LOW_LIMIT) & ~w & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            i += 8;
        }
        while (i < limit) {
            if ((buf[i] & 0xFF) < 0x20) {
                return i;
            }
            i++;
        }
        return limit;
    }
}
