package org.hl7gw.mllp.frame;

/**
 * The bytes of the Minimal Lower Layer Protocol (HL7 v2 Implementation Guide, appendix C): a frame is
 * {@code START_OF_BLOCK message END_OF_BLOCK END_OF_DATA}. The one place these values live.
 */
public final class MllpConstants {
    /** VT (0x0B): opens a frame; the first byte the receiver expects on the wire. */
    public static final byte START_OF_BLOCK = 0x0B;
    /** FS (0x1C): closes the message inside a frame; it may never occur inside an HL7 message. */
    public static final byte END_OF_BLOCK = 0x1C;
    /** CR (0x0D): follows END_OF_BLOCK to end the frame. Some systems omit it (see {@link EndOfData}). */
    public static final byte END_OF_DATA = 0x0D;
    /** LF (0x0A): not an MLLP byte; tolerated between HL7 segments by the ACK parser only. */
    public static final byte LINE_FEED = 0x0A;

    private MllpConstants() {
    }

    /** The byte as it appears in error messages: {@code 0x1C}. */
    public static String hex(int b) {
        return String.format("0x%02X", b & 0xFF);
    }
}
