package org.hl7gw.mllp.frame;

/** The peer closed the stream (end of stream) while a frame was awaited or being read. */
public class ConnectionClosedException extends FrameException {
    private static final long serialVersionUID = 1L;
    private final int bytesInFrame;

    public ConnectionClosedException(String message, int bytesInFrame) {
        super(message);
        this.bytesInFrame = bytesInFrame;
    }

    /** How many bytes of an unfinished frame had arrived (0 between frames). */
    public int bytesInFrame() {
        return bytesInFrame;
    }
}
