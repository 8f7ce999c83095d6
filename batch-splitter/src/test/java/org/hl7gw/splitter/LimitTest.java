package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7gw.splitter.Read.msh;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LimitTest {

    @Test
    void aSegmentLongerThanTheLimitIsAClearError() {
        SplitterSettings small = SplitterSettings.defaults().withLimits(1024, 1 << 20);
        Read r = Read.of(msh("1") + "\rOBX|1|ED|PDF||" + "A".repeat(5000) + "\r" + msh("2") + "\r", small);

        assertThat(r.errors()).singleElement().asString().contains("line 2").contains("OBX: segment is longer than the limit of 1 KB");
        assertThat(r.controlIds()).containsExactly("2");
    }

    @Test
    void aMessageLargerThanTheLimitIsAClearErrorNamingItsControlId() {
        SplitterSettings small = SplitterSettings.defaults().withLimits(1 << 20, 4096);
        String obx = "OBX|1|TX|N||" + "B".repeat(1000) + "\r";
        Read r = Read.of(msh("BIG") + "\r" + obx.repeat(10) + msh("OK") + "\r", small);

        assertThat(r.errors()).singleElement().asString().contains("line 1").contains("message 1 (control ID BIG) is larger than the limit of 4 KB");
        assertThat(r.controlIds()).containsExactly("OK");
    }

    @Test
    void aHugeSegmentInAStreamNeverExhaustsMemory() throws Exception {
        // 256 MB of one segment, generated, never held: the reader must stop keeping it at the limit
        long size = 256L << 20;
        InputStream head = new ByteArrayInputStream((msh("1") + "\rOBX|1|ED|PDF||").getBytes(StandardCharsets.US_ASCII));
        InputStream body = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'A' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'A');
                left -= n;
                return n;
            }
        };
        BatchReport report = new BatchReader(SplitterSettings.defaults()).split(new SequenceInputStream(head, body), "huge.hl7", MessageSink.discard());
        assertThat(report.valid()).isFalse();
        assertThat(report.errorLines()).singleElement().asString().contains("segment is longer than the limit of 16 MB");
    }
}
