package org.hl7gw.mllp.frame;

/**
 * A message contains START_OF_BLOCK or END_OF_BLOCK, so MLLP cannot carry it: the receiver would end the
 * frame early. Sending it again cannot help.
 */
public class UnframeableMessageException extends FrameException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public UnframeableMessageException(int offset, byte value) {
        super("the message contains " + MllpConstants.hex(value) + " at byte offset " + offset
                + ", which MLLP framing cannot carry");
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
