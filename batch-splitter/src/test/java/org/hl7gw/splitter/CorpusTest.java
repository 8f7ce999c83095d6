package org.hl7gw.splitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7gw.core.Sha256;
import org.hl7gw.testkit.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the corpus of real HL7 v2 files (corpus/MANIFEST.md), against the outcome reviewed for it
 * (src/test/resources/corpus-expectations.tsv) and against the counts the MANIFEST records.
 */
class CorpusTest {
    private static final Corpus CORPUS = Corpus.locate();
    private static final Map<String, ManifestRow> MANIFEST = ManifestRow.parse(CORPUS.manifest());
    private static final Pattern BTS_ISSUE = Pattern.compile("BTS-1=(\\d+) but (\\d+) MSH");

    record Expectation(String file, boolean valid, int batches, long messages, String error, String warning) { }

    record ManifestRow(String file, String bts, String fts, String countIssues) {
        static Map<String, ManifestRow> parse(Path manifest) {
            Map<String, ManifestRow> rows = new LinkedHashMap<>();
            String folder = null;
            try {
                for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                    Matcher section = Pattern.compile("^## (\\w+)/").matcher(line);
                    if (section.find()) {
                        folder = section.group(1);
                        continue;
                    }
                    if (folder == null || !line.startsWith("| `")) {
                        continue;
                    }
                    String[] cells = line.split("(?<!\\\\)\\|");
                    String name = cells[1].strip().replace("`", "");
                    rows.put(folder + "/" + name, new ManifestRow(folder + "/" + name, cells[9].strip(), cells[10].strip(), cells[11].strip()));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return rows;
        }

        /** Actual MSH counts per batch from "claimed / actual", when the MANIFEST gives numbers. */
        List<Long> actualMessagesPerBatch() {
            String[] parts = bts.split("/");
            List<Long> out = new ArrayList<>();
            if (parts.length == 2) {
                for (String n : parts[1].split(",")) {
                    if (n.strip().matches("\\d+")) {
                        out.add(Long.parseLong(n.strip()));
                    }
                }
            }
            return out;
        }
    }

    static Stream<Arguments> expectations() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus-expectations.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                out.add(Arguments.of(new Expectation(c[0], c[1].equals("valid"), Integer.parseInt(c[2]), Long.parseLong(c[3]), c[4], c[5])));
            }
        }
        return out.stream();
    }

    private static BatchReport read(String file, SplitterSettings settings) throws IOException {
        try (InputStream in = Files.newInputStream(CORPUS.file(file))) {
            return new BatchReader(settings).split(in, file, MessageSink.discard());
        }
    }

    @Test
    void theCorpusIsComplete() throws IOException {
        List<String> files = CORPUS.files().stream().map(CORPUS::relative).toList();
        assertThat(files).hasSize(135);
        assertThat(MANIFEST.keySet()).containsExactlyInAnyOrderElementsOf(files);
        assertThat(expectations().map(a -> ((Expectation) a.get()[0]).file())).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void everyCorpusFileStillHasItsRecordedBytes() throws IOException {
        String manifest = Files.readString(CORPUS.manifest(), StandardCharsets.UTF_8);
        for (Path file : CORPUS.files()) {
            String line = Sha256.of(file).hex() + "  " + CORPUS.relative(file);
            assertThat(manifest).as("MANIFEST lists %s with its SHA-256", CORPUS.relative(file)).contains(line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void everyFileGivesItsReviewedOutcome(Expectation e) throws IOException {
        BatchReport r = read(e.file(), SplitterSettings.defaults());

        assertThat(r.valid()).as("valid").isEqualTo(e.valid());
        assertThat(r.batches()).as("batches").isEqualTo(e.batches());
        assertThat(r.messages()).as("messages").isEqualTo(e.messages());
        if (e.error().isEmpty()) {
            assertThat(r.errorLines()).isEmpty();
        } else {
            assertThat(r.errorLines().get(0)).startsWith(e.file() + ": ").contains(e.error());
        }
        if (e.warning().isEmpty()) {
            assertThat(r.warningLines()).isEmpty();
        } else {
            assertThat(r.warningLines().get(0)).contains(e.warning());
        }
    }

    @Test
    void theCountMismatchesRecordedInTheManifestAreFlaggedAndPassUnderWarn() throws IOException {
        int flagged = 0;
        for (ManifestRow row : MANIFEST.values()) {
            Matcher m = BTS_ISSUE.matcher(row.countIssues());
            while (m.find()) {
                long claimed = Long.parseLong(m.group(1));
                String claim = "BTS-1 claims " + claimed + " message" + (claimed == 1 ? "" : "s") + " but batch ";
                BatchReport rejected = read(row.file(), SplitterSettings.defaults());
                assertThat(rejected.valid()).as(row.file()).isFalse();
                assertThat(rejected.errorLines()).as(row.file()).anySatisfy(line -> assertThat(line).contains(claim));

                BatchReport warned = read(row.file(), SplitterSettings.defaults().withCountMismatch(CountMismatchPolicy.WARN));
                assertThat(warned.errorLines()).as(row.file()).noneSatisfy(line -> assertThat(line).contains(claim));
                assertThat(warned.warningLines()).as(row.file()).anySatisfy(line -> assertThat(line).contains(claim));
                flagged++;
            }
        }
        assertThat(flagged).as("mismatches the MANIFEST records").isGreaterThanOrEqualTo(4);
    }

    @Test
    void realCountMismatchesAreTheOnlyProblemOfTheirFiles() throws IOException {
        // test-0001: BTS-1 says 25 but a 2022 commit deleted 5 messages; BundleToHl7v2: BTS-1=1 for 2 messages
        for (String file : List.of("batch/reportstream__test-0001-input-covid-19.hl7", "batch/fhir-converter__BundleToHl7v2-expected.hl7",
                "batch/ruby-hl7__empty-batch.hl7")) {
            BatchReport warned = read(file, SplitterSettings.defaults().withCountMismatch(CountMismatchPolicy.WARN));
            assertThat(warned.valid()).as(file).isTrue();
            assertThat(warned.messages()).as(file).isEqualTo(MANIFEST.get(file).actualMessagesPerBatch().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void messageCountsAgreeWithTheManifestWhereItCountsThem() throws IOException {
        int compared = 0;
        for (ManifestRow row : MANIFEST.values()) {
            List<Long> actual = row.actualMessagesPerBatch();
            if (actual.isEmpty()) {
                continue;
            }
            BatchReport r = read(row.file(), SplitterSettings.defaults().withCountMismatch(CountMismatchPolicy.WARN));
            assertThat(r.messages()).as(row.file()).isEqualTo(actual.stream().mapToLong(Long::longValue).sum());
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(20);
    }

    @Test
    void validFilesComeOutAsTheirOwnBytesWithCarriageReturns() throws IOException {
        // each message is the file's bytes between its MSH and the next header, terminators made CR
        for (Path file : CORPUS.files()) {
            List<SplitMessage> out = new ArrayList<>();
            BatchReport r;
            try (InputStream in = Files.newInputStream(file)) {
                r = new BatchReader(SplitterSettings.defaults()).split(in, CORPUS.relative(file), out::add);
            }
            if (!r.valid()) {
                continue;
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
            for (SplitMessage m : out) {
                String message = new String(m.bytes(), StandardCharsets.ISO_8859_1);
                assertThat(message).as(CORPUS.relative(file)).startsWith("MSH").endsWith("\r").doesNotContain("\r\r");
                for (String segment : message.split("\r")) {
                    assertThat(text).as(CORPUS.relative(file)).contains(segment);
                }
            }
        }
    }
}
