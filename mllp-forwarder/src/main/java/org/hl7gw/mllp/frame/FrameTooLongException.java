package org.hl7gw.mllp.frame;

/**
 * A frame grew past the reader's maximum. Thrown as soon as the limit is crossed, before the rest of the
 * frame is read; the reader then discards the rest of that frame and can read the next one.
 */
public class FrameTooLongException extends FrameException {
    private static final long serialVersionUID = 1L;
    private final int maxFrameLength;

    public FrameTooLongException(int maxFrameLength) {
        super("frame longer than the maximum of " + maxFrameLength + " bytes; the rest of it is discarded");
        this.maxFrameLength = maxFrameLength;
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }
}
