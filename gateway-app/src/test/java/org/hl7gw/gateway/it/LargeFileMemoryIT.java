package org.hl7gw.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7gw.testkit.BatchFileGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory does not grow with the file: a 1 GB batch validates and splits with a 64 MB heap. */
class LargeFileMemoryIT {
    private static final long ONE_GB = 1L << 30;
    private static final List<String> SMALL_HEAP = List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError");

    @TempDir
    Path dir;

    @Test
    void aGigabyteOfSmallMessagesValidatesWithA64MegabyteHeap() throws Exception {
        Path file = dir.resolve("big.hl7");
        long messages = ONE_GB / 1150;  // messages come out a little under 1300 bytes
        new BatchFileGenerator(7).messageSize(1300).batches(3).write(file, messages);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(ONE_GB);

        GatewayJar.Result r = GatewayJar.run(dir, SMALL_HEAP, "validate", file.toString());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.out()).startsWith("OK       " + file + ": 3 batches, " + messages + " messages");

        // the JSON form lists every control ID, streamed: still a 64 MB heap
        GatewayJar.Result json = GatewayJar.run(dir, SMALL_HEAP, "validate", "--json", file.toString());
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        assertThat(Files.size(json.stdout())).isGreaterThan(messages * 12);
        try (Stream<String> lines = Files.lines(json.stdout())) {
            assertThat(lines.count()).isEqualTo(1);
        }
    }

    @Test
    void aGigabyteOfLargeMessagesSplitsWithA64MegabyteHeap() throws Exception {
        Path file = dir.resolve("big-messages.hl7");
        int messageSize = 4 * 1024 * 1024;
        long messages = ONE_GB / messageSize + 1;
        new BatchFileGenerator(11).messageSize(messageSize).terminator("\n").write(file, messages);
        Path out = dir.resolve("out");

        GatewayJar.Result r = GatewayJar.run(dir, SMALL_HEAP, "split", file.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.count()).isEqualTo(messages);
        }
        long total;
        try (Stream<Path> s = Files.list(out)) {
            total = s.mapToLong(p -> p.toFile().length()).sum();
        }
        // every byte of the file is in a message, except the envelope and the LFs made CRs
        assertThat(total).isGreaterThan(Files.size(file) - 1024);
    }
}
