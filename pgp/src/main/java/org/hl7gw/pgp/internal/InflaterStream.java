package org.hl7gw.pgp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Inflates ZIP (raw deflate) or ZLIB data with large buffers on both sides. Bouncy Castle's own
 * {@code PGPCompressedData.getDataStream()} uses {@code InflaterInputStream}'s 512-byte input buffer, and the
 * packet layers above ask for 4 KiB at a time: both would cost a native call per few KB.
 */
final class InflaterStream extends InputStream {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final Inflater inflater;
    private final boolean raw;
    private final byte[] buffer = new byte[BUFFER];
    /** Inflated bytes not yet read: [outPos, outEnd). Readers ask for 4 KiB at a time; zlib is fed bigger calls. */
    private final byte[] output = new byte[BUFFER];
    private int outPos;
    private int outEnd;
    private final byte[] single = new byte[1];
    private boolean dummyGiven;
    private boolean finished;
    private boolean closed;

    /**
     * @param raw true for ZIP (RFC 1951 raw deflate), false for ZLIB (RFC 1950)
     */
    InflaterStream(InputStream in, boolean raw) {
        this.in = in;
        this.raw = raw;
        this.inflater = new Inflater(raw);
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (outPos == outEnd) {
            if (finished) {
                return -1;
            }
            if (len >= BUFFER) {
                return inflate(b, off, len); // large reads go straight into the caller's array
            }
            int n = inflate(output, 0, BUFFER);
            if (n < 0) {
                return -1;
            }
            outPos = 0;
            outEnd = n;
        }
        int n = Math.min(len, outEnd - outPos);
        System.arraycopy(output, outPos, b, off, n);
        outPos += n;
        return n;
    }

    /** Inflates at least one byte into {@code b}, or returns -1 at the end of the compressed data. */
    private int inflate(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        try {
            while (true) {
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (inflater.finished()) {
                    finished = true;
                    return -1;
                }
                if (inflater.needsDictionary()) {
                    throw new ZipException("compressed data needs a preset dictionary, which OpenPGP does not use");
                }
                if (inflater.needsInput()) {
                    int r = in.read(buffer, 0, buffer.length);
                    if (r > 0) {
                        inflater.setInput(buffer, 0, r);
                    } else if (r < 0) {
                        if (raw && !dummyGiven) {
                            // a raw inflater may need one extra byte to see the end of the last block
                            dummyGiven = true;
                            buffer[0] = 0;
                            inflater.setInput(buffer, 0, 1);
                        } else {
                            throw new EOFException("compressed data ends early: the file is truncated");
                        }
                    }
                }
            }
        } catch (DataFormatException e) {
            ZipException z = new ZipException("invalid " + (raw ? "ZIP" : "ZLIB") + " compressed data: " + e.getMessage());
            z.initCause(e);
            throw z;
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
        }
    }
}
