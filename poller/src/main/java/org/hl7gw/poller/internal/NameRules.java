package org.hl7gw.poller.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hl7gw.poller.AfterAction;
import org.hl7gw.poller.Selection;
import org.hl7gw.poller.Stability;

/** Which names a poller considers, by the settings' patterns and the fixed rules of {@link Selection}. */
public final class NameRules {
    private static final List<String> TEMPORARY_SUFFIXES = List.of(".part", ".tmp", ".filepart");

    private final List<Pattern> include;
    private final List<Pattern> exclude;
    private final boolean recursive;
    private final Optional<String> markerSuffix;
    private final Optional<String> moveFolder;

    private record Pattern(PathMatcher matcher, boolean byPath) {
        boolean matches(String path) {
            String subject = byPath ? path : Paths.name(path);
            return matcher.matches(Path.of(subject));
        }
    }

    public NameRules(Selection selection, Stability stability, AfterAction afterAction) {
        this.include = selection.include().stream().map(NameRules::compile).toList();
        this.exclude = selection.exclude().stream().map(NameRules::compile).toList();
        this.recursive = selection.recursive();
        this.markerSuffix = stability instanceof Stability.DoneMarker d ? Optional.of(d.suffix()) : Optional.empty();
        this.moveFolder = afterAction instanceof AfterAction.Move m ? Optional.of(m.folder()) : Optional.empty();
    }

    private static Pattern compile(String glob) {
        return new Pattern(FileSystems.getDefault().getPathMatcher("glob:" + glob), glob.indexOf('/') >= 0);
    }

    /** {@code .part}, {@code .tmp}, {@code .filepart} or a leading dot: a file still being written by convention. */
    public boolean temporary(String path) {
        String name = Paths.name(path);
        if (name.startsWith(".")) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /** In done-marker mode: whether the file is a marker. */
    public boolean marker(String path) {
        return markerSuffix.map(s -> Paths.name(path).length() > s.length() && path.endsWith(s)).orElse(false);
    }

    public Optional<String> markerSuffix() {
        return markerSuffix;
    }

    public boolean selected(String path) {
        return include.stream().anyMatch(p -> p.matches(path)) && exclude.stream().noneMatch(p -> p.matches(path));
    }

    /** Whether to list a sub-folder: only when recursive, never hidden ones or the move folder. */
    public boolean descendInto(String folder) {
        return recursive && !Paths.name(folder).startsWith(".") && !underMoveFolder(folder);
    }

    public boolean underMoveFolder(String path) {
        return moveFolder.map(m -> path.equals(m) || path.startsWith(m + "/")).orElse(false);
    }
}
