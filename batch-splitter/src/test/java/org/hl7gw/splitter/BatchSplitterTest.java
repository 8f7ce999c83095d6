package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.cr;
import static org.hl7gw.splitter.Read.msh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSplitterTest {
    @TempDir
    Path dir;

    @Test
    void anInvalidFileYieldsNoMessageAtAll() throws Exception {
        // the error is in the last line: a single pass would already have handed on three messages
        Path file = write(cr("BHS|^~\\&|A", msh("1"), msh("2"), msh("3"), "BTS|4"));
        List<SplitMessage> got = new ArrayList<>();
        List<BatchReport> finished = new ArrayList<>();

        BatchReport report = new BatchSplitter(SplitterSettings.defaults()).split(ByteSource.of(file), new MessageSink() {
            @Override
            public void message(SplitMessage m) {
                got.add(m);
            }

            @Override
            public void finish(BatchReport r) {
                finished.add(r);
            }
        });

        assertThat(report.valid()).isFalse();
        assertThat(got).isEmpty();
        assertThat(finished).containsExactly(report);
    }

    @Test
    void aValidFileYieldsEveryMessageInOrderWithItsBytes() throws Exception {
        Path file = write("FHS|^~\\&|A\nBHS|^~\\&|A\n" + msh("1") + "\nPID|1\n" + msh("2") + "\nBTS|2\nFTS|1\n");
        List<SplitMessage> got = new ArrayList<>();

        BatchReport report = new BatchSplitter(SplitterSettings.defaults()).split(ByteSource.of(file), got::add);

        assertThat(report.valid()).isTrue();
        assertThat(got).extracting(m -> new String(m.bytes(), StandardCharsets.ISO_8859_1))
                .containsExactly(cr(msh("1"), "PID|1"), cr(msh("2")));
    }

    private Path write(String text) throws Exception {
        Path f = dir.resolve("batch.hl7");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        return f;
    }
}
