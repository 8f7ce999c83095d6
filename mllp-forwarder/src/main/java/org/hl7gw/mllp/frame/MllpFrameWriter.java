package org.hl7gw.mllp.frame;

import static org.hl7gw.mllp.frame.MllpConstants.END_OF_BLOCK;
import static org.hl7gw.mllp.frame.MllpConstants.END_OF_DATA;
import static org.hl7gw.mllp.frame.MllpConstants.START_OF_BLOCK;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes one message as one MLLP frame: {@code START_OF_BLOCK message END_OF_BLOCK END_OF_DATA}, then flushes.
 *
 * <p>A frame up to {@value #COALESCE_LIMIT} bytes is assembled in a buffer and handed to the stream in one
 * {@code write} call, so with TCP_NODELAY it leaves in as few segments as possible and a receiver never sees
 * a lone START_OF_BLOCK. Larger messages are written in three calls without copying them.
 *
 * <p>Not thread-safe: one writer per connection, used by one thread at a time.
 */
public final class MllpFrameWriter {
    /** Largest frame assembled in the writer's own buffer. */
    public static final int COALESCE_LIMIT = 64 * 1024;
    private static final byte[] TRAILER = {END_OF_BLOCK, END_OF_DATA};

    private final OutputStream out;
    private byte[] buffer = new byte[4096];

    public MllpFrameWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Frames and writes the message, then flushes.
     *
     * @throws UnframeableMessageException when the message contains START_OF_BLOCK or END_OF_BLOCK (nothing is
     *     written)
     * @throws IOException from the stream
     */
    public void write(byte[] message) throws IOException {
        int bad = indexOfFramingByte(message);
        if (bad >= 0) {
            throw new UnframeableMessageException(bad, message[bad]);
        }
        int frameLength = message.length + 3;
        if (frameLength <= COALESCE_LIMIT) {
            if (buffer.length < frameLength) {
                buffer = new byte[Math.min(COALESCE_LIMIT, Math.max(frameLength, buffer.length * 2))];
            }
            buffer[0] = START_OF_BLOCK;
            System.arraycopy(message, 0, buffer, 1, message.length);
            buffer[message.length + 1] = END_OF_BLOCK;
            buffer[message.length + 2] = END_OF_DATA;
            out.write(buffer, 0, frameLength);
        } else {
            out.write(START_OF_BLOCK);
            out.write(message);
            out.write(TRAILER);
        }
        out.flush();
    }

    /**
     * The offset of the first START_OF_BLOCK or END_OF_BLOCK byte in the message, or -1 when it can be framed.
     */
    public static int indexOfFramingByte(byte[] message) {
        // eight bytes at a time ("has a zero byte" on the XOR with each framing byte), then byte by byte
        int i = 0;
        int last = message.length - Long.BYTES;
        for (; i <= last; i += Long.BYTES) {
            long v = (long) LONGS.get(message, i);
            if (hasZeroByte(v ^ ALL_START) || hasZeroByte(v ^ ALL_END)) {
                break;
            }
        }
        for (; i < message.length; i++) {
            byte b = message[i];
            if (b == END_OF_BLOCK || b == START_OF_BLOCK) {
                return i;
            }
        }
        return -1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long ALL_START = ONES * START_OF_BLOCK;
    private static final long ALL_END = ONES * END_OF_BLOCK;

    private static boolean hasZeroByte(long v) {
        return ((v - ONES) & ~v & HIGHS) != 0;
    }
}
