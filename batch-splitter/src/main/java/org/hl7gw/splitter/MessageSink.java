package org.hl7gw.splitter;

import java.io.IOException;

/** Receives the messages of a file as the reader finds them. */
@FunctionalInterface
public interface MessageSink {

    /**
     * A message, in file order. The reader has not seen the rest of the file yet: a sink that hands
     * messages on must wait for {@link #finish(BatchReport)} (see {@link BatchSplitter}).
     */
    void message(SplitMessage message) throws IOException;

    /** The whole file was read; {@code report.valid()} says whether the messages may be used. */
    default void finish(BatchReport report) throws IOException {
    }

    /** A sink that drops everything. */
    static MessageSink discard() {
        return m -> { };
    }
}
