package org.hl7gw.mllp.frame;

import static org.hl7gw.mllp.frame.MllpConstants.END_OF_BLOCK;
import static org.hl7gw.mllp.frame.MllpConstants.END_OF_DATA;
import static org.hl7gw.mllp.frame.MllpConstants.START_OF_BLOCK;
import static org.hl7gw.mllp.frame.MllpConstants.hex;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads MLLP frames from a stream and returns their content (the bytes between START_OF_BLOCK and
 * END_OF_BLOCK).
 *
 * <p>A state machine over the bytes: {@link State#BETWEEN_FRAMES} expects START_OF_BLOCK;
 * {@link State#IN_FRAME} collects content until END_OF_BLOCK; {@link State#AFTER_END_OF_BLOCK} expects
 * END_OF_DATA (with {@link EndOfData#REQUIRED}). Errors name the state, the byte expected and the byte
 * received, never frame content.
 *
 * <p>Bounded: a frame's content may not exceed {@code maxFrameLength}; the frame buffer starts small and
 * grows up to that limit only, and the read-ahead buffer has a fixed size. A hostile peer that never sends
 * END_OF_BLOCK gets a {@link FrameTooLongException} as soon as a read takes the content past the limit.
 *
 * <p>Recovery: after {@link FrameTooLongException} the rest of that frame is discarded by the next call;
 * after {@link CorruptFrameException} the next call skips to the next START_OF_BLOCK (if the offending byte
 * was itself a START_OF_BLOCK, it starts the next frame). A connection that saw either is usually closed
 * anyway; recovery matters to readers of files and to tests.
 *
 * <p>Pitfalls: the reader reads ahead (up to 8 KiB per call to the stream), so bytes after a frame stay in
 * the reader: keep using the same reader for a stream. End of stream is reported as
 * {@link ConnectionClosedException}; a read timeout of the underlying socket surfaces as the stream's
 * {@link java.net.SocketTimeoutException} and leaves the reader in the middle of a frame.
 *
 * <p>Not thread-safe.
 */
public final class MllpFrameReader {

    /** Where the reader is between two bytes. */
    public enum State {
        /** Waiting for START_OF_BLOCK. */
        BETWEEN_FRAMES,
        /** Collecting frame content until END_OF_BLOCK. */
        IN_FRAME,
        /** END_OF_BLOCK was read; END_OF_DATA is required next. */
        AFTER_END_OF_BLOCK,
        /** A frame ended at END_OF_BLOCK (optional END_OF_DATA); a CR here is the frame's trailer and is skipped. */
        AFTER_FRAME_WITHOUT_END_OF_DATA,
        /** A frame was too long: discarding up to its END_OF_BLOCK. */
        DISCARDING_TOO_LONG,
        /** After the too-long frame's END_OF_BLOCK: a CR here is skipped. */
        AFTER_DISCARDED_FRAME,
        /** After a corrupt byte: skipping to the next START_OF_BLOCK. */
        RESYNCHRONIZING
    }

    private static final int READ_AHEAD = 8192;
    private static final int INITIAL_FRAME_CAPACITY = 512;

    private final InputStream in;
    private final int maxFrameLength;
    private final EndOfData endOfData;
    private final byte[] input = new byte[READ_AHEAD];
    private int inputPosition;
    private int inputLimit;
    private byte[] frame;
    private int frameLength;
    private State state = State.BETWEEN_FRAMES;

    public MllpFrameReader(InputStream in, int maxFrameLength, EndOfData endOfData) {
        this.in = Objects.requireNonNull(in, "in");
        this.endOfData = Objects.requireNonNull(endOfData, "endOfData");
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be positive: " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.frame = new byte[Math.min(INITIAL_FRAME_CAPACITY, maxFrameLength)];
    }

    public State state() {
        return state;
    }

    /**
     * Reads the next frame.
     *
     * @return the frame's content, without START_OF_BLOCK, END_OF_BLOCK and END_OF_DATA
     * @throws FrameTooLongException when the content passes the maximum
     * @throws CorruptFrameException when a byte arrives where MLLP does not allow it
     * @throws ConnectionClosedException at end of stream
     * @throws IOException from the stream (including a socket read timeout)
     */
    public byte[] readFrame() throws IOException {
        while (true) {
            if (inputPosition == inputLimit) {
                fill();
            }
            switch (state) {
                case IN_FRAME -> {
                    byte[] done = scanFrameContent();
                    if (done != null) {
                        return done;
                    }
                }
                case BETWEEN_FRAMES -> {
                    byte b = input[inputPosition++];
                    if (b == START_OF_BLOCK) {
                        beginFrame();
                    } else {
                        state = State.RESYNCHRONIZING;
                        throw new CorruptFrameException("expected START_OF_BLOCK (0x0B) in state BETWEEN_FRAMES, got " + hex(b));
                    }
                }
                case AFTER_END_OF_BLOCK -> {
                    byte b = input[inputPosition++];
                    if (b == END_OF_DATA) {
                        state = State.BETWEEN_FRAMES;
                        return Arrays.copyOf(frame, frameLength);
                    }
                    if (b == START_OF_BLOCK) {
                        beginFrame();
                    } else {
                        state = State.RESYNCHRONIZING;
                    }
                    throw new CorruptFrameException("expected END_OF_DATA (0x0D) in state AFTER_END_OF_BLOCK, got " + hex(b)
                            + " (a peer that omits the final CR needs EndOfData.OPTIONAL)");
                }
                case AFTER_FRAME_WITHOUT_END_OF_DATA, AFTER_DISCARDED_FRAME -> {
                    byte b = input[inputPosition];
                    if (b == END_OF_DATA) {
                        inputPosition++;
                    }
                    state = State.BETWEEN_FRAMES;
                }
                case DISCARDING_TOO_LONG -> {
                    while (inputPosition < inputLimit) {
                        if (input[inputPosition++] == END_OF_BLOCK) {
                            state = State.AFTER_DISCARDED_FRAME;
                            break;
                        }
                    }
                }
                case RESYNCHRONIZING -> {
                    while (inputPosition < inputLimit) {
                        if (input[inputPosition++] == START_OF_BLOCK) {
                            beginFrame();
                            break;
                        }
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    private void beginFrame() {
        state = State.IN_FRAME;
        frameLength = 0;
    }

    /** Copies content up to END_OF_BLOCK; returns the frame when it is complete, else null. */
    private byte[] scanFrameContent() {
        int start = inputPosition;
        int i = start;
        while (i < inputLimit) {
            byte b = input[i];
            if (b == END_OF_BLOCK || b == START_OF_BLOCK) {
                break;
            }
            i++;
        }
        append(start, i - start);
        inputPosition = i;
        if (i == inputLimit) {
            return null;
        }
        byte b = input[inputPosition++];
        if (b == START_OF_BLOCK) {
            int had = frameLength;
            beginFrame();
            throw new CorruptFrameException("expected END_OF_BLOCK (0x1C) in state IN_FRAME, got START_OF_BLOCK (0x0B) after "
                    + had + " bytes; the unfinished frame is dropped");
        }
        if (endOfData == EndOfData.REQUIRED) {
            state = State.AFTER_END_OF_BLOCK;
            return null;
        }
        state = State.AFTER_FRAME_WITHOUT_END_OF_DATA;
        return Arrays.copyOf(frame, frameLength);
    }

    private void append(int from, int count) {
        if (count == 0) {
            return;
        }
        int needed = frameLength + count;
        if (needed > maxFrameLength) {
            state = State.DISCARDING_TOO_LONG;
            frameLength = 0;
            throw new FrameTooLongException(maxFrameLength);
        }
        if (needed > frame.length) {
            int capacity = (int) Math.min(maxFrameLength, Math.max(needed, 2L * frame.length));
            frame = Arrays.copyOf(frame, capacity);
        }
        System.arraycopy(input, from, frame, frameLength, count);
        frameLength = needed;
    }

    private void fill() throws IOException {
        int n = in.read(input, 0, input.length);
        if (n < 0) {
            throw closed();
        }
        inputPosition = 0;
        inputLimit = n;
    }

    private ConnectionClosedException closed() {
        return switch (state) {
            case IN_FRAME -> new ConnectionClosedException("connection closed by the peer inside a frame, after " + frameLength + " bytes", frameLength);
            case AFTER_END_OF_BLOCK -> new ConnectionClosedException(
                    "connection closed by the peer after END_OF_BLOCK, before END_OF_DATA (0x0D)", frameLength);
            case DISCARDING_TOO_LONG -> new ConnectionClosedException("connection closed by the peer inside a frame that was too long", 0);
            default -> new ConnectionClosedException("connection closed by the peer (end of stream between frames)", 0);
        };
    }
}
