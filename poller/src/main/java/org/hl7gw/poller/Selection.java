package org.hl7gw.poller;

import java.nio.file.FileSystems;
import java.util.List;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;

/**
 * Which files of the folder a poller considers.
 *
 * <p>Patterns are globs ({@code *.hl7}, {@code ADT_[0-9]*}, {@code {a,b}*}). A pattern without '/' is matched
 * against the file name, one with '/' against the path below the polled folder ({@code lab/*.hl7}). A file is
 * considered when it matches an include pattern and no exclude pattern. Whatever the patterns, these are never
 * taken: folders, names ending in {@code .part}, {@code .tmp} or {@code .filepart}, names starting with a dot,
 * done markers, and anything under the after-action's move folder.
 *
 * @param include at least one pattern (default {@code *})
 * @param exclude patterns to leave out (default none)
 * @param recursive whether sub-folders are polled too (default false)
 */
public record Selection(List<String> include, List<String> exclude, boolean recursive) {
    public Selection {
        include = List.copyOf(Objects.requireNonNull(include, "include"));
        exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
        if (include.isEmpty()) {
            throw new IllegalArgumentException("include needs at least one pattern (\"*\" for every file)");
        }
        for (String p : include) {
            check(p);
        }
        for (String p : exclude) {
            check(p);
        }
    }

    public static Selection defaults() {
        return new Selection(List.of("*"), List.of(), false);
    }

    private static void check(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a pattern cannot be blank");
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a glob pattern: " + e.getDescription());
        }
    }
}
