package org.hl7gw.pgp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's input: counts the bytes read from it (for the expansion ratio) and marks its I/O errors so
 * that, however deep Bouncy Castle wraps them, they are reported as I/O errors and not as corrupt data.
 */
public final class SourceInputStream extends FilterInputStream {
    private long count;
    private boolean eof;

    public SourceInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read from the source so far. */
    public long count() {
        return count;
    }

    /** Whether the source has reported its end. */
    public boolean atEnd() {
        return eof;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            throw new SourceIOException(e);
        }
        if (b >= 0) {
            count++;
        } else {
            eof = true;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw new SourceIOException(e);
        }
        if (n > 0) {
            count += n;
        } else if (n < 0) {
            eof = true;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped;
        try {
            skipped = in.skip(n);
        } catch (IOException e) {
            throw new SourceIOException(e);
        }
        count += Math.max(0, skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** An I/O error of the caller's stream, carried through Bouncy Castle's layers. */
    public static final class SourceIOException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceIOException(IOException cause) {
            super(cause.getMessage(), cause);
        }

        /** The caller's original exception. */
        public IOException original() {
            return (IOException) getCause();
        }
    }
}
