package org.hl7gw.splitter.internal;

/** How a physical line ended. */
enum Terminator {
    /** 0x0D, the HL7 segment terminator. */
    CR(new byte[] {0x0D}),
    /** 0x0A alone, as Unix editors write. */
    LF(new byte[] {0x0A}),
    /** 0x0D 0x0A, as Windows editors write. */
    CRLF(new byte[] {0x0D, 0x0A}),
    /** MLLP end-of-block 0x1C (and the CR, LF or CRLF right after it, which belong to the frame trailer). */
    END_OF_BLOCK(new byte[0]),
    /** The end of the input. */
    EOF(new byte[0]);

    private final byte[] bytes;

    Terminator(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The bytes as they were in the input (empty for END_OF_BLOCK and EOF). */
    byte[] bytes() {
        return bytes;
    }

    /**
     * Whether a line break of this kind can be data inside OBX-5 text: a line feed (alone or after a CR)
     * that is not followed by a segment. A lone CR is always a segment terminator.
     */
    boolean mayBeTextBreak() {
        return this == LF || this == CRLF;
    }
}
