package org.hl7gw.splitter.internal;

import java.io.IOException;

/** Receives the physical lines of an input, piece by piece, from a {@link LineTokenizer}. */
interface LineListener {

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
     */
    default void wholeLine(byte[] b, int start, int end, Terminator t, long line, long offset) throws IOException {
        lineBegin(line, offset);
        if (end > start) {
            content(b, start, end - start);
        }
        lineEnd(t);
    }
}
