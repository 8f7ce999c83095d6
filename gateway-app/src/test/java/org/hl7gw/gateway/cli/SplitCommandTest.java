package org.hl7gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7gw.testkit.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitCommandTest {
    private static final Corpus CORPUS = Corpus.locate();
    @TempDir
    Path dir;

    @Test
    void writesOneFilePerMessageWithCarriageReturns() throws Exception {
        Path in = CORPUS.file("batch/reportstream__test-0001-az-covid-19-hl7.hl7");
        Path out = dir.resolve("out");

        Cli r = Cli.run("split", in.toString(), "--out", out.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("5 messages written to " + out);
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("000001.hl7", "000002.hl7", "000003.hl7", "000004.hl7", "000005.hl7");
        }
        String first = Files.readString(out.resolve("000001.hl7"), StandardCharsets.ISO_8859_1);
        assertThat(first).startsWith("MSH|").endsWith("\r").doesNotContain("\n");
        String original = Files.readString(in, StandardCharsets.ISO_8859_1);
        for (String segment : first.split("\r")) {
            assertThat(original).contains(segment + "\n");
        }
    }

    @Test
    void anInvalidFileWritesNothingAndExitsOne() throws Exception {
        Path out = dir.resolve("out");
        Cli r = Cli.run("split", CORPUS.file("batch/reportstream__test-0001-input-covid-19.hl7").toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("nothing written").contains("BTS-1 claims 25 messages");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void theWarnPolicyLetsAMismatchedFileSplit() throws Exception {
        Path out = dir.resolve("out");
        Cli r = Cli.run("split", CORPUS.file("batch/reportstream__test-0001-input-covid-19.hl7").toString(), "--out", out.toString(),
                "--count-mismatch", "warn");
        assertThat(r.exitCode()).isZero();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s).hasSize(20);
        }
    }

    @Test
    void refusesANonEmptyOutputFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("000001.hl7"), "keep me");
        Cli r = Cli.run("split", CORPUS.file("single/hapi__ADT_A01.txt").toString(), "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("000001.hl7"))).isEqualTo("keep me");
    }
}
