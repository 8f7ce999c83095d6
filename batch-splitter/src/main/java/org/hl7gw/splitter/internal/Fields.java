package org.hl7gw.splitter.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads fields of a header segment (MSH, FHS, BHS, BTS, FTS) held as bytes. */
final class Fields {
    /** Pieces indexed in one pass: MSH-12 is the 11th piece after the segment ID. */
    static final int MAX_PIECES = 11;

    private final byte[] bytes;
    /** bounds[2k-2], bounds[2k-1]: [start, end) of piece k; only the first {@code pieces} are set. */
    private final int[] bounds = new int[2 * MAX_PIECES];
    private int pieces;

    /** Indexes the first {@link #MAX_PIECES} separator-delimited pieces after the 3-byte segment ID. */
    Fields(byte[] bytes, int length, byte separator) {
        this(bytes, 0, length, separator);
    }

    /** The segment is {@code bytes[from, from + length)}; ranges returned index {@code bytes}. */
    Fields(byte[] bytes, int from, int length, byte separator) {
        this.bytes = bytes;
        int end = from + length;
        if (length <= 3 || bytes[from + 3] != separator) {
            return;
        }
        int start = from + 4;
        for (int i = start; i < end && pieces < MAX_PIECES; i++) {
            if (bytes[i] == separator) {
                bounds[2 * pieces] = start;
                bounds[2 * pieces + 1] = i;
                pieces++;
                start = i + 1;
            }
        }
        if (pieces < MAX_PIECES) {
            bounds[2 * pieces] = start;
            bounds[2 * pieces + 1] = end;
            pieces++;
        }
    }

    /**
     * Whether the segment has piece {@code k} (1 <= k <= {@link #MAX_PIECES}): the k-th separator-delimited
     * piece after the segment ID. For BTS and FTS piece k is field k; for MSH, FHS and BHS (whose field 1 is the
     * separator itself) it is field k + 1.
     */
    boolean has(int k) {
        if (k < 1 || k > MAX_PIECES) {
            throw new IllegalArgumentException("piece " + k + " is not indexed");
        }
        return k <= pieces;
    }

    /** Where piece {@code k} starts in the bytes; only when {@link #has} it. */
    int start(int k) {
        return bounds[2 * k - 2];
    }

    /** Where piece {@code k} ends (exclusive); only when {@link #has} it. */
    int end(int k) {
        return bounds[2 * k - 1];
    }

    /** Field {@code n} of an MSH, FHS or BHS as text (see {@link #decode}), empty when the segment has none. */
    String headerText(int n) {
        return has(n - 1) ? decode(bytes, start(n - 1), end(n - 1) - start(n - 1)) : "";
    }

    /** UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (which maps every byte). */
    static String decode(byte[] b, int off, int len) {
        boolean ascii = true;
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
    }
}
