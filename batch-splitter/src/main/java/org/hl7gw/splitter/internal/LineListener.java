package org.hl7gw.splitter.internal;

import java.io.IOException;

/** Receives the physical lines of an input, piece by piece, from a {@link LineTokenizer}. */
interface LineListener {

    /**
     * The read buffer that the next slices come from, filled up to {@code limit}; {@code buffer[0]} is at
     * {@code offset} in the input, and the next line to begin is line {@code line}. Slices of it stay valid
     * until {@link #endOfWindow()}.
     */
    default void window(byte[] buffer, int limit, long offset, long line) {
    }

    /** The current read buffer is about to be refilled: let go of any slice of it. */
    default void endOfWindow() throws IOException {
    }

    /** A new line begins (at most one {@link #startOfBlock()} before its content). */
    void lineBegin(long line, long offset) throws IOException;

    /** An MLLP start-of-block byte (0x0B) at the start of the current line. */
    void startOfBlock() throws IOException;

    /** Content bytes of the current line; called any number of times per line. */
    void content(byte[] bytes, int offset, int length) throws IOException;

    /** The current line ended. After {@link Terminator#EOF} nothing else is called. */
    void lineEnd(Terminator terminator) throws IOException;

    /**
     * A whole line that sits in one read buffer, ended by CR, LF or CRLF: the common case, in one call.
     * Equivalent to {@code lineBegin(line, offset); content(b, start, end - start); lineEnd(t)}.
     *
     * @param head the line's first four bytes, big-endian ({@code b[start]} highest); 0 when it has fewer
     */
    default void wholeLine(byte[] b, int start, int end, Terminator t, long line, long offset, int head) throws IOException {
        lineBegin(line, offset);
        if (end > start) {
            content(b, start, end - start);
        }
        lineEnd(t);
    }

    /** The first four bytes at {@code b[i]}, big-endian. */
    static int head(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
