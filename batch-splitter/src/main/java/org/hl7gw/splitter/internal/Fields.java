package org.hl7gw.splitter.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads fields of a header segment (MSH, FHS, BHS, BTS, FTS) held as bytes. */
final class Fields {
    private final byte[] bytes;
    private final int length;
    private final byte separator;

    Fields(byte[] bytes, int length, byte separator) {
        this.bytes = bytes;
        this.length = length;
        this.separator = separator;
    }

    /**
     * The bytes of field {@code n} as HL7 numbers it for segments whose field 1 is the separator itself
     * (MSH, FHS, BHS: field 2 starts right after it). Returns null when the segment has no such field.
     */
    int[] headerField(int n) {
        // MSH-1 is the separator at index 3; MSH-2 starts at 4; MSH-k (k >= 2) is the (k-1)th piece after "MSH|"
        return piece(n - 1);
    }

    /** Field {@code n} of an ordinary segment (BTS, FTS): the n-th piece after the segment ID. */
    int[] field(int n) {
        return piece(n);
    }

    /** [start, end) of the k-th separator-delimited piece after the 3-byte segment ID (k >= 1), or null. */
    private int[] piece(int k) {
        int i = 3;
        if (length <= 3 || bytes[3] != separator) {
            return null;
        }
        int seen = 0;
        int start = 4;
        for (i = 4; i <= length; i++) {
            if (i == length || bytes[i] == separator) {
                seen++;
                if (seen == k) {
                    return new int[] {start, i};
                }
                start = i + 1;
            }
        }
        return null;
    }

    String text(int[] range) {
        return range == null ? "" : decode(bytes, range[0], range[1] - range[0]);
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
