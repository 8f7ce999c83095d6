package org.hl7gw.splitter;

import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in a file, located so that an operator can open the file at that
 * place: 1-based line, 0-based byte offset of the line's start, and the segment concerned. The text says what
 * was expected against what was found, and never quotes message content.
 *
 * @param line 1-based line number (CR, LF and CRLF each end a line), 0 when the problem is the whole file
 * @param offset byte offset of that line from the start of the file, -1 when the problem is the whole file
 * @param segment the segment concerned (MSH, BTS, ...), or empty
 * @param text what is wrong
 */
public record Problem(long line, long offset, String segment, String text) {
    public Problem {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(text, "text");
    }

    /** A problem of the whole file rather than of a place in it. */
    public static Problem ofFile(String text) {
        return new Problem(0, -1, "", text);
    }

    /** {@code line 7 (offset 1234) BTS: BTS-1 claims 4 messages but batch 1 (line 2) holds 3}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (line > 0) {
            sb.append("line ").append(line).append(" (offset ").append(offset).append(")");
            if (!segment.isEmpty()) {
                sb.append(' ').append(segment);
            }
            sb.append(": ");
        }
        return sb.append(text).toString();
    }

    /** The same, prefixed with the file name, as printed by the CLI and stored in the ledger. */
    public String toString(String file) {
        return file + ": " + this;
    }
}
