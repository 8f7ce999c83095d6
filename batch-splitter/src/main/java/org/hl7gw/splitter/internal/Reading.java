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

    private Reading() {
    }

    public static BatchReport run(InputStream in, String fileName, SplitterSettings settings, MessageSink sink, boolean captureBytes)
            throws IOException {
        Problems problems = new Problems(settings.maxProblems());
        BatchParser parser = new BatchParser(fileName, settings, sink, captureBytes, problems);
        LineTokenizer tokenizer = new LineTokenizer(in, BUFFER, parser);
        long bytes;
        try {
            tokenizer.run();
            bytes = tokenizer.bytesRead();
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
}
