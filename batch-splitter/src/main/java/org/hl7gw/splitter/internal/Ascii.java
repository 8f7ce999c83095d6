package org.hl7gw.splitter.internal;

import java.util.Locale;

/** Byte classes of HL7 v2 text, and how to show a byte in an error without quoting content. */
final class Ascii {
    private static final boolean[] ALNUM = new boolean[256];

    static {
        for (int c = 'A'; c <= 'Z'; c++) {
            ALNUM[c] = true;
        }
        for (int c = '0'; c <= '9'; c++) {
            ALNUM[c] = true;
        }
    }

    private Ascii() {
    }

    /** Upper-case letter or digit: what a segment ID is made of. */
    static boolean alnum(byte c) {
        return ALNUM[c & 0xFF];
    }

    /** Field separators and encoding characters: printable ASCII punctuation. */
    static boolean validSeparator(byte c) {
        return c > 0x20 && c < 0x7F && !alnum(c) && !(c >= 'a' && c <= 'z');
    }

    static String printable(byte c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format(Locale.ROOT, "0x%02X", c & 0xFF);
    }

    /** At most 20 bytes, each printable or as 0xNN. */
    static String printableRun(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + len && i < off + 20; i++) {
            sb.append(printable(b[i]));
        }
        return sb.toString();
    }
}
