package org.hl7gw.pgp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tells OpenPGP messages from plaintext by content.
 *
 * <p>Binary detection reads the first packet header: the tag must be one a message can start with
 * (PKESK 1, SKESK 3, one-pass signature 4, compressed 8, SED 9, marker 10, literal 11, SEIPD 18, AEAD 20,
 * or a signature 2 for old-style signed data) and, where the packet has one, its version or algorithm
 * byte must be valid. The first byte alone would do for HL7 ("M", "F", "B", 0x0B all have the high bit
 * clear), but a UTF-8 BOM (0xEF) has it set: as a new-format header it means tag 47, which is refused.
 *
 * <p>Pitfall: the caller must look at the very first bytes of the file; skipping a BOM or whitespace
 * before calling changes the answer for binary data.
 */
public final class PgpDetector {
    /** How many bytes {@link #detect(InputStream)} looks at: enough for leading blank lines and a header. */
    public static final int PEEK_BYTES = 1024;

    private static final byte[] ARMOR_HEADER = "-----BEGIN PGP MESSAGE-----".getBytes(StandardCharsets.US_ASCII);

    private PgpDetector() {
    }

    /** Judges the first bytes of a file (any length; {@value #PEEK_BYTES} is plenty). */
    public static PayloadKind detect(byte[] firstBytes) {
        return detect(firstBytes, firstBytes.length);
    }

    /**
     * Judges a stream by its first bytes and leaves it where it was (mark/reset); wrap a plain stream in a
     * {@link BufferedInputStream} first.
     */
    public static PayloadKind detect(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("detection needs a stream that supports mark/reset, e.g. a BufferedInputStream");
        }
        in.mark(PEEK_BYTES);
        try {
            byte[] head = in.readNBytes(PEEK_BYTES);
            return detect(head, head.length);
        } finally {
            in.reset();
        }
    }

    static PayloadKind detect(byte[] b, int length) {
        if (length == 0) {
            return PayloadKind.PLAINTEXT;
        }
        if (isArmored(b, length)) {
            return PayloadKind.ARMORED;
        }
        return isBinaryMessage(b, length) ? PayloadKind.BINARY : PayloadKind.PLAINTEXT;
    }

    private static boolean isArmored(byte[] b, int length) {
        int i = 0;
        while (i < length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        if (length - i < ARMOR_HEADER.length) {
            return false;
        }
        for (int k = 0; k < ARMOR_HEADER.length; k++) {
            if (b[i + k] != ARMOR_HEADER[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBinaryMessage(byte[] b, int length) {
        int first = b[0] & 0xFF;
        if ((first & 0x80) == 0) {
            return false;
        }
        int tag;
        int bodyOffset;
        if ((first & 0x40) != 0) {
            tag = first & 0x3F;
            if (length < 2) {
                return false;
            }
            int l = b[1] & 0xFF;
            if (l < 192 || l >= 224 && l < 255) {
                bodyOffset = 2;
            } else if (l < 224) {
                bodyOffset = 3;
            } else {
                bodyOffset = 6;
            }
        } else {
            tag = (first >> 2) & 0x0F;
            int lengthType = first & 0x03;
            bodyOffset = switch (lengthType) {
                case 0 -> 2;
                case 1 -> 3;
                case 2 -> 5;
                default -> 1;
            };
        }
        int body = bodyOffset < length ? b[bodyOffset] & 0xFF : -1;
        return switch (tag) {
            case 1 -> body == 3 || body == 6;                       // PKESK version
            case 2 -> body == 3 || body == 4 || body == 6;          // signature version
            case 3 -> body == 4 || body == 5 || body == 6;          // SKESK version
            case 4 -> body == 3 || body == 6;                       // one-pass signature version
            case 8 -> body >= 0 && body <= 3;                       // compression algorithm
            case 9 -> length > bodyOffset;                          // SED: ciphertext only
            case 10 -> body == 'P';                                 // marker "PGP"
            case 11 -> body == 'b' || body == 't' || body == 'u' || body == 'm' || body == 'l' || body == '1';
            case 18 -> body == 1 || body == 2;                      // SEIPD version
            case 20 -> body == 1;                                   // AEAD (GnuPG 2.4 "OCB") version
            default -> false;
        };
    }
}
