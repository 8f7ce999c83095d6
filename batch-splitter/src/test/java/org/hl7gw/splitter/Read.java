package org.hl7gw.splitter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs the reader over bytes and keeps what came out. */
final class Read {
    final BatchReport report;
    final List<SplitMessage> messages;

    private Read(BatchReport report, List<SplitMessage> messages) {
        this.report = report;
        this.messages = messages;
    }

    static Read of(String text) {
        return of(text.getBytes(StandardCharsets.ISO_8859_1), SplitterSettings.defaults());
    }

    static Read of(String text, SplitterSettings settings) {
        return of(text.getBytes(StandardCharsets.ISO_8859_1), settings);
    }

    static Read of(byte[] bytes) {
        return of(bytes, SplitterSettings.defaults());
    }

    static Read of(byte[] bytes, SplitterSettings settings) {
        return of(new ByteArrayInputStream(bytes), settings);
    }

    static Read of(InputStream in, SplitterSettings settings) {
        List<SplitMessage> out = new ArrayList<>();
        try {
            BatchReport r = new BatchReader(settings).split(in, "test.hl7", out::add);
            return new Read(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Segments joined and ended by CR. */
    static String cr(String... segments) {
        return String.join("\r", segments) + "\r";
    }

    static String msh(String controlId) {
        return "MSH|^~\\&|LAB|ACME|GW|HOSP|20261122||ORU^R01|" + controlId + "|P|2.5.1";
    }

    List<String> controlIds() {
        return messages.stream().map(m -> m.header().controlId().value()).toList();
    }

    String message(int i) {
        return new String(messages.get(i).bytes(), StandardCharsets.ISO_8859_1);
    }

    List<String> errors() {
        return report.errorLines();
    }

    List<String> warnings() {
        return report.warningLines();
    }
}
