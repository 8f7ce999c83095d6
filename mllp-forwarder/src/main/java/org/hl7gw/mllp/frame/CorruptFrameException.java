package org.hl7gw.mllp.frame;

/**
 * A byte arrived where MLLP does not allow it: outside a frame, or after END_OF_BLOCK where END_OF_DATA was
 * required. The message names the state, the byte expected and the byte received (its value only).
 */
public class CorruptFrameException extends FrameException {
    private static final long serialVersionUID = 1L;

    public CorruptFrameException(String message) {
        super(message);
    }
}
