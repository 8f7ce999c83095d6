package org.hl7gw.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's corpus of 135 real public HL7 v2 files ({@code corpus/}, see its MANIFEST.md).
 * Tests read it; nothing may write to it.
 */
public final class Corpus {
    private final Path root;

    private Corpus(Path root) {
        this.root = root;
    }

    /**
     * Finds the corpus: the {@code hl7gw.corpus} system property (set by the build), else the first
     * {@code corpus/MANIFEST.md} found walking up from the working directory.
     */
    public static Corpus locate() {
        String property = System.getProperty("hl7gw.corpus");
        if (property != null && Files.isRegularFile(Paths.get(property, "MANIFEST.md"))) {
            return new Corpus(Paths.get(property).toAbsolutePath().normalize());
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("corpus/MANIFEST.md"))) {
                return new Corpus(dir.resolve("corpus"));
            }
        }
        throw new IllegalStateException("corpus/MANIFEST.md not found from " + Paths.get("").toAbsolutePath()
                + " (set -Dhl7gw.corpus=DIR)");
    }

    public Path root() {
        return root;
    }

    public Path manifest() {
        return root.resolve("MANIFEST.md");
    }

    /** A corpus file by its path relative to the corpus, e.g. {@code batch/ruby-hl7__realm-batch.hl7}. */
    public Path file(String relative) {
        Path p = root.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no corpus file " + relative);
        }
        return p;
    }

    /** Every data file (MANIFEST.md and dot files excluded), sorted by relative path. */
    public List<Path> files() {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equals("MANIFEST.md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a file relative to the corpus, with forward slashes. */
    public String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
