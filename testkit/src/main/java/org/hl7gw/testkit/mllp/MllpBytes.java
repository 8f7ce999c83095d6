package org.hl7gw.testkit.mllp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Small MLLP and HL7 helpers for test peers, written independently of the gateway's own framing code so the
 * peers check it rather than mirror it.
 */
public final class MllpBytes {
    public static final byte START_OF_BLOCK = 0x0B;
    public static final byte END_OF_BLOCK = 0x1C;
    public static final byte CARRIAGE_RETURN = 0x0D;

    private MllpBytes() {
    }

    /** SB + content + EB + CR. */
    public static byte[] frame(byte[] content) {
        byte[] f = new byte[content.length + 3];
        f[0] = START_OF_BLOCK;
        System.arraycopy(content, 0, f, 1, content.length);
        f[f.length - 2] = END_OF_BLOCK;
        f[f.length - 1] = CARRIAGE_RETURN;
        return f;
    }

    public static byte[] frame(String content) {
        return frame(content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads one frame's content: skips to SB, collects to EB, consumes the CR after it.
     *
     * @return the content, or null at end of stream
     * @throws IOException when a frame exceeds {@code maxLength}
     */
    public static byte[] readFrame(InputStream in, int maxLength) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b != START_OF_BLOCK);
        ByteArrayOutputStream content = new ByteArrayOutputStream(2048);
        byte[] chunk = new byte[1];
        while (true) {
            b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == END_OF_BLOCK) {
                int cr = in.read();
                if (cr != CARRIAGE_RETURN && cr >= 0) {
                    throw new IOException("END_OF_BLOCK not followed by CR");
                }
                return content.toByteArray();
            }
            if (content.size() >= maxLength) {
                throw new IOException("frame longer than " + maxLength);
            }
            chunk[0] = (byte) b;
            content.write(chunk, 0, 1);
        }
    }

    /** MSH-10 of a message: the 10th field of its first segment; "" when there is none. */
    public static String controlId(byte[] message) {
        return controlId(new String(message, StandardCharsets.UTF_8));
    }

    public static String controlId(String message) {
        if (!message.startsWith("MSH") || message.length() < 4) {
            return "";
        }
        int end = message.indexOf('\r');
        String msh = end < 0 ? message : message.substring(0, end);
        String fs = String.valueOf(msh.charAt(3));
        String[] fields = msh.split(java.util.regex.Pattern.quote(fs), -1);
        if (fields.length <= 9) {
            return "";
        }
        String id = fields[9];
        int component = id.indexOf('^');
        return component < 0 ? id : id.substring(0, component);
    }

    /** A minimal v2.5 ACK: {@code MSH|^~\&|...|ACK|...\rMSA|code|controlId|text\r}. */
    public static String ack(String code, String acknowledgedControlId, String text) {
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        return "MSH|^~\\&|PEER|PEERFAC|HL7GW|GW|" + now + "||ACK|ACK" + acknowledgedControlId + "|P|2.5\r"
                + "MSA|" + code + "|" + acknowledgedControlId + (text == null || text.isEmpty() ? "" : "|" + text) + "\r";
    }
}
