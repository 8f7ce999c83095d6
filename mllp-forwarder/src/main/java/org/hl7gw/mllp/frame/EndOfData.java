package org.hl7gw.mllp.frame;

/**
 * Whether a frame must end with END_OF_DATA (CR) after END_OF_BLOCK.
 *
 * <p>The standard says it must. Some interface engines send {@code END_OF_BLOCK} and stop: with
 * {@link #REQUIRED} a reader waiting for the CR would sit until the ACK timeout and report a timeout that
 * is really an interop quirk, so such peers need {@link #OPTIONAL}.
 */
public enum EndOfData {
    /**
     * A frame is complete only after END_OF_BLOCK and END_OF_DATA; any other byte after END_OF_BLOCK is a
     * {@link CorruptFrameException}. The default.
     */
    REQUIRED,
    /**
     * A frame is complete at END_OF_BLOCK and returned at once; a CR right after it is skipped when the
     * next frame is read, and a START_OF_BLOCK right after it starts the next frame.
     */
    OPTIONAL
}
