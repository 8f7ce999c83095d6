package org.hl7gw.splitter;

import java.util.Objects;

/**
 * One message cut from a batch file.
 *
 * @param seq 1-based position in the file
 * @param batch 1-based batch it belongs to (1 for messages without BHS)
 * @param line line of its MSH in the file
 * @param offset byte offset of its MSH in the file
 * @param header what its MSH says
 * @param bytes the exact bytes of the message, segments ending in CR; empty when the reader was asked to
 *              validate only
 */
public record SplitMessage(long seq, int batch, long line, long offset, MessageHeader header, byte[] bytes) {
    public SplitMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(bytes, "bytes");
    }
}
