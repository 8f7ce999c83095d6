package org.hl7gw.splitter.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.hl7gw.splitter.BatchReport;
import org.hl7gw.splitter.MessageSink;
import org.hl7gw.splitter.SplitterSettings;

/** One pass over one input: tokenizer, parser and report. Not API; use {@link org.hl7gw.splitter.BatchReader}. */
public final class Reading {
    private static final int BUFFER = 64 * 1024;
    /** Bytes handed from the reading thread to the parsing one at a time: few hand-overs, each cheap. */
    private static final int PIPELINE_CHUNK = 16 * BUFFER;
    private static final int PIPELINE_THRESHOLD = 4 * BUFFER;

    private Reading() {
    }

    public static BatchReport run(InputStream in, String fileName, SplitterSettings settings, MessageSink sink, boolean captureBytes)
            throws IOException {
        Problems problems = new Problems(settings.maxProblems());
        BatchParser parser = new BatchParser(fileName, settings, sink, captureBytes, problems);
        long bytes;
        try {
            bytes = tokenize(in, fileName, parser);
        } catch (BinaryDataException e) {
            bytes = e.offset;
            String what = e.value == 0x0B
                    ? "MLLP start-of-block 0x0B in the middle of a line; expected it only at the start of a line"
                    : String.format(Locale.ROOT, "binary data: byte 0x%02X is not allowed in an HL7 v2 text file; reading stopped here", e.value);
            problems.error(e.line, e.offset, "", what + " (at offset " + e.offset + ")");
        }
        return new BatchReport(fileName, !problems.hasErrors(), parser.batches(), parser.messages(), bytes,
                problems.errors(), problems.moreErrors(), problems.warnings(), problems.moreWarnings());
    }

    /**
     * Tokenizes onto the parser; returns the bytes read. Inputs that say they hold more than a few read
     * buffers (files do, through {@link InputStream#available()}) are read and cut on a second thread while
     * this one parses; small ones, and streams that cannot tell, are read here.
     */
    private static long tokenize(InputStream in, String fileName, BatchParser parser) throws IOException, BinaryDataException {
        if (in.available() >= PIPELINE_THRESHOLD) {
            PipelinedTokenizer pipeline = new PipelinedTokenizer(in, PIPELINE_CHUNK, BUFFER, "hl7gw-read " + fileName);
            pipeline.run(parser);
            return pipeline.bytesRead();
        }
        LineTokenizer tokenizer = new LineTokenizer(in, BUFFER, parser);
        tokenizer.run();
        return tokenizer.bytesRead();
    }
}
