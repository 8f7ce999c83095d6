package org.hl7gw.mllp.ack;

import java.nio.charset.StandardCharsets;
import org.hl7gw.core.ControlId;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.mllp.ack.InvalidAckException.Reason;

/**
 * Reads an acknowledgement from a frame's bytes: just MSH (for the separators), MSA and ERR.
 *
 * <ul>
 *   <li>Segments end with CR; LF and CRLF are tolerated.</li>
 *   <li>The first segment must be MSH; its fourth byte (MSH-1) is the field separator, and the first byte of
 *       MSH-2 the component separator.</li>
 *   <li>MSA-1 must be AA, AE, AR (original mode) or CA, CE, CR (enhanced mode); surrounding spaces are
 *       ignored.</li>
 *   <li>MSA-2 is read up to its first component separator, surrounding spaces removed; it must not be empty.</li>
 *   <li>MSA-3 is kept up to {@value Ack#MAX_TEXT} characters. The error code is ERR-3.1 (v2.5 and later) or,
 *       when there is none, MSA-6.1.</li>
 * </ul>
 *
 * <p>Fields are decoded as UTF-8 (ASCII in practice); escape sequences are not interpreted, so MSA-2 compares
 * byte for byte with the MSH-10 that was sent.
 *
 * <p>Why not HAPI: its PipeParser builds a whole message model per ACK, several times slower than this on the
 * hot path (see the benchmarks module); this parser reads only what the lane needs. It is stateless and
 * thread-safe.
 */
public final class AckParser {
    private static final byte CR = 0x0D;
    private static final byte LF = 0x0A;

    private AckParser() {
    }

    /**
     * @throws InvalidAckException naming the reason; its message never contains field values
     */
    public static Ack parse(byte[] frame) {
        return parse(frame, 0, frame.length);
    }

    public static Ack parse(byte[] b, int offset, int length) {
        int end = offset + length;
        int p = offset;
        while (p < end && (b[p] == CR || b[p] == LF)) {
            p++;
        }
        if (p == end) {
            throw new InvalidAckException(Reason.EMPTY, "the frame has no segment");
        }
        if (end - p < 3 || b[p] != 'M' || b[p + 1] != 'S' || b[p + 2] != 'H') {
            throw new InvalidAckException(Reason.NO_MSH, "the first segment is not MSH");
        }
        if (end - p < 5) {
            throw new InvalidAckException(Reason.BAD_MSH, "MSH ends before its field separator and encoding characters");
        }
        byte fieldSeparator = b[p + 3];
        byte componentSeparator = b[p + 4];
        if (isLineBreak(fieldSeparator) || isLineBreak(componentSeparator) || componentSeparator == fieldSeparator
                || isAlphanumeric(fieldSeparator)) {
            throw new InvalidAckException(Reason.BAD_MSH, "MSH-1/MSH-2 do not hold a field separator and encoding characters");
        }
        Segment msa = null;
        Segment err = null;
        int segmentStart = p;
        while (segmentStart < end) {
            int segmentEnd = segmentStart;
            while (segmentEnd < end && !isLineBreak(b[segmentEnd])) {
                segmentEnd++;
            }
            if (msa == null && isSegment(b, segmentStart, segmentEnd, 'M', 'S', 'A', fieldSeparator)) {
                msa = new Segment(b, segmentStart, segmentEnd, fieldSeparator, componentSeparator);
                if (msa.code() != null && msa.code().accepted()) {
                    break; // an accept needs no ERR: spare the rest of the frame
                }
            } else if (msa != null && err == null && isSegment(b, segmentStart, segmentEnd, 'E', 'R', 'R', fieldSeparator)) {
                err = new Segment(b, segmentStart, segmentEnd, fieldSeparator, componentSeparator);
                break;
            }
            segmentStart = segmentEnd;
            while (segmentStart < end && isLineBreak(b[segmentStart])) {
                segmentStart++;
            }
        }
        if (msa == null) {
            throw new InvalidAckException(Reason.NO_MSA, "no MSA segment");
        }
        AckCode code = msa.code();
        if (code == null) {
            int codeLength = msa.field(1, false).length();
            throw new InvalidAckException(Reason.UNKNOWN_CODE,
                    "MSA-1 is not one of AA, AE, AR, CA, CE, CR (" + (codeLength == 0 ? "empty" : codeLength + " characters") + ")");
        }
        String controlId = msa.field(2, true).strip();
        if (controlId.isEmpty()) {
            throw new InvalidAckException(Reason.NO_CONTROL_ID, "MSA-2 (the acknowledged control ID) is empty");
        }
        if (controlId.length() > ControlId.MAX_LENGTH) {
            throw new InvalidAckException(Reason.CONTROL_ID_TOO_LONG,
                    "MSA-2 has " + controlId.length() + " characters, more than a control ID's " + ControlId.MAX_LENGTH);
        }
        String text = msa.field(3, false).strip();
        String errorCode = err != null ? err.field(3, true).strip() : "";
        if (errorCode.isEmpty()) {
            errorCode = msa.field(6, true).strip();
        }
        return new Ack(code, new ControlId(controlId), truncate(text), truncate(errorCode));
    }

    private static String truncate(String s) {
        return s.length() > Ack.MAX_TEXT ? s.substring(0, Ack.MAX_TEXT) : s;
    }

    private static boolean isSegment(byte[] b, int start, int end, char c0, char c1, char c2, byte fieldSeparator) {
        return end - start >= 3 && b[start] == c0 && b[start + 1] == c1 && b[start + 2] == c2
                && (end - start == 3 || b[start + 3] == fieldSeparator);
    }

    private static boolean isLineBreak(byte b) {
        return b == CR || b == LF;
    }

    private static boolean isAlphanumeric(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    /** One segment's bytes; fields are found on demand. */
    private record Segment(byte[] bytes, int start, int end, byte fieldSeparator, byte componentSeparator) {

        /** MSA-1 read from the bytes (surrounding spaces ignored), or null when it is none of the six codes. */
        AckCode code() {
            int p = start + 4;
            int q = p;
            while (q < end && bytes[q] != fieldSeparator) {
                q++;
            }
            while (p < q && bytes[p] == ' ') {
                p++;
            }
            while (q > p && bytes[q - 1] == ' ') {
                q--;
            }
            if (q - p != 2) {
                return null;
            }
            byte mode = bytes[p];
            byte outcome = bytes[p + 1];
            boolean original = mode == 'A';
            if (!original && mode != 'C') {
                return null;
            }
            return switch (outcome) {
                case 'A' -> original ? AckCode.AA : AckCode.CA;
                case 'E' -> original ? AckCode.AE : AckCode.CE;
                case 'R' -> original ? AckCode.AR : AckCode.CR;
                default -> null;
            };
        }

        /** Field n (1-based after the segment name), or its first component; empty when absent. */
        String field(int n, boolean firstComponentOnly) {
            int p = start + 3;
            for (int i = 0; i < n; i++) {
                if (p >= end) {
                    return "";
                }
                p++; // skip the separator in front of field i+1
                if (i < n - 1) {
                    while (p < end && bytes[p] != fieldSeparator) {
                        p++;
                    }
                }
            }
            int q = p;
            while (q < end && bytes[q] != fieldSeparator && !(firstComponentOnly && bytes[q] == componentSeparator)) {
                q++;
            }
            return q > p ? new String(bytes, p, q - p, StandardCharsets.UTF_8) : "";
        }
    }
}
