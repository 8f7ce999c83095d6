package org.hl7gw.ftps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.DummySession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ABOR lines are counted wherever the network splits the bytes, and nothing else is counted. */
class AbortWatchTest {

    private static int aborts(byte[] bytes, int splitAt) {
        DummySession session = new DummySession();
        new AbortWatch().accept(session);
        session.getFilterChain().fireMessageReceived(IoBuffer.wrap(bytes, 0, splitAt));
        session.getFilterChain().fireMessageReceived(IoBuffer.wrap(bytes, splitAt, bytes.length - splitAt));
        return AbortWatch.count(session.getAttribute(AbortWatch.COUNT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "ABOR\\r\\n; 1",
            "abor\\r\\n; 1",
            "NOOP\\r\\nABOR\\r\\n; 1",
            "ABOR\\r\\nNOOP\\r\\nAbOr\\r\\n; 2",
            "\\u00ff\\u00f4\\u00ff\\u00f2ABOR\\r\\n; 1",
            "STOR ABOR.hl7\\r\\n; 0",
            "RETR x\\r\\nXABOR\\r\\n; 0",
            "ABO\\r\\nR\\r\\n; 0",
            "NOOP\\r\\n; 0"})
    void countsAborLinesAtEverySplit(String escaped, int expected) {
        byte[] bytes = unescape(escaped);
        for (int split = 0; split <= bytes.length; split++) {
            assertThat(aborts(bytes, split)).as("split at %d", split).isEqualTo(expected);
        }
    }

    private static byte[] unescape(String s) {
        String text = s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u00ff", "\u00ff").replace("\\u00f4", "\u00f4")
                .replace("\\u00f2", "\u00f2");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
