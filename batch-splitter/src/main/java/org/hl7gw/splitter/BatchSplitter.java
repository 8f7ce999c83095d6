package org.hl7gw.splitter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Validates a whole file, then hands on its messages: an invalid file yields no message at all.
 *
 * <p>It reads the source twice (validate, then split), so it never holds more than one message and needs no
 * scratch space. When the source can only be read once, stage the messages yourself with
 * {@link BatchReader#split} and use them only once {@link MessageSink#finish(BatchReport)} reports the file
 * valid.
 */
public final class BatchSplitter {
    private final BatchReader reader;

    public BatchSplitter(SplitterSettings settings) {
        this.reader = new BatchReader(settings);
    }

    /**
     * @param handler receives every message, in file order, only when the whole file is valid; its
     *                {@code finish} is called in every case
     * @throws IllegalStateException when the source changed between the passes
     */
    public BatchReport split(ByteSource source, MessageSink handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        BatchReport verdict;
        try (InputStream in = source.open()) {
            verdict = reader.validate(in, source.name(), MessageSink.discard());
        }
        if (!verdict.valid()) {
            handler.finish(verdict);
            return verdict;
        }
        BatchReport done;
        try (InputStream in = source.open()) {
            done = reader.split(in, source.name(), handler);
        }
        if (done.valid() != verdict.valid() || done.messages() != verdict.messages() || done.bytes() != verdict.bytes()) {
            throw new IllegalStateException(source.name() + " changed while it was being split (" + verdict.bytes() + " bytes, "
                    + verdict.messages() + " messages at validation; " + done.bytes() + " bytes, " + done.messages() + " messages at split)");
        }
        return done;
    }

    /** Validates only; messages reach the listener with their headers (no bytes). */
    public BatchReport validate(ByteSource source, MessageSink listener) throws IOException {
        try (InputStream in = source.open()) {
            return reader.validate(in, source.name(), listener);
        }
    }
}
