package org.hl7gw.splitter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.hl7gw.splitter.internal.Reading;

/**
 * Reads an HL7 v2 file in one streaming pass: validates its envelope {@code [FHS] { [BHS] { MSH ... } [BTS] } [FTS]}
 * and counts, and cuts it into messages. Memory does not grow with the file: at most one message (bounded by
 * {@link SplitterSettings#maxMessageSize()}) and one 64 KB read buffer are held.
 *
 * <p>What is accepted: CR, LF, CRLF and mixed segment terminators (messages come out with CR); a UTF-8
 * byte-order mark at the start; blank lines; MLLP framing bytes (0x0B ... 0x1C 0x0D) around the file or
 * around each message; a line feed inside OBX-5 text when the next bytes do not start a segment (kept as data).
 * Everything else unexpected is an error that names the line, the byte offset and the segment.
 *
 * <p>Pitfall: messages reach the sink while the reader goes; a sink that forwards them must wait for
 * {@link MessageSink#finish(BatchReport)} and drop them if the report is not valid. {@link BatchSplitter} does
 * that for you.
 */
public final class BatchReader {
    private final SplitterSettings settings;

    public BatchReader(SplitterSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SplitterSettings settings() {
        return settings;
    }

    /** Validates only: messages reach the sink with their header and empty bytes. */
    public BatchReport validate(InputStream in, String fileName, MessageSink sink) throws IOException {
        return run(in, fileName, sink, false);
    }

    /** Validates and cuts: messages reach the sink with their exact bytes. */
    public BatchReport split(InputStream in, String fileName, MessageSink sink) throws IOException {
        return run(in, fileName, sink, true);
    }

    private BatchReport run(InputStream in, String fileName, MessageSink sink, boolean capture) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sink, "sink");
        BatchReport report = Reading.run(in, fileName, settings, sink, capture);
        sink.finish(report);
        return report;
    }
}
