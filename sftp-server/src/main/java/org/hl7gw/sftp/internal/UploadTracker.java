package org.hl7gw.sftp.internal;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides when a file in an inbox is completely uploaded. Knows nothing of SSH: the SFTP listener reports opens
 * for writing, writes, closes and renames, and gets back what to hand on.
 *
 * <p>The rules:
 * <ol>
 * <li>A write handle ends either <em>by the client</em> (an SFTP CLOSE request that succeeded, on a live session,
 * after writes that all succeeded) or <em>otherwise</em> (the connection dropped, a write failed, the close
 * failed). The latter makes the file {@linkplain Outcome.Kind#INTERRUPTED interrupted}, reported at once.</li>
 * <li>A file is {@linkplain Outcome.Kind#UPLOADED uploaded} when its last open write handle ends by the client,
 * some handle wrote to it or truncated it since its last interruption, and its name is final (not a
 * {@linkplain TemporaryNames temporary name}).</li>
 * <li>A complete file with a temporary name waits; renaming it to a final name, with nobody writing it, hands it
 * on under the new name. A temporary file this tracker knows nothing about (left from before a restart) is
 * trusted when renamed. A temporary file whose upload was interrupted and not redone is <em>not</em> handed on
 * when renamed: it is reported interrupted again under the new name.</li>
 * <li>A file renamed while a handle still writes it keeps being tracked under its new name.</li>
 * <li>A rewrite (a handle that truncates) or a clean resumed write (append, then CLOSE) clears an interruption.</li>
 * </ol>
 * Thread-safe; one tracker serves all sessions, so "nobody else is writing it" spans sessions.
 */
final class UploadTracker {

    /** What to tell the UploadHandler about a file. */
    record Outcome(Kind kind, Path file) {
        enum Kind { UPLOADED, INTERRUPTED }

        Outcome {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(file, "file");
        }
    }

    /** One open write handle; its fields are guarded by the tracker. */
    static final class Writer {
        private Path file;
        private final boolean truncates;
        private boolean wrote;
        private boolean failed;
        private boolean closeRequested;
        private boolean ended;
        private boolean detached;

        private Writer(Path file, boolean truncates) {
            this.file = file;
            this.truncates = truncates;
        }
    }

    private static final class FileState {
        int openWriters;
        boolean complete;
        boolean interrupted;
    }

    private final Map<Path, FileState> files = new HashMap<>();
    private final Set<Writer> open = Collections.newSetFromMap(new IdentityHashMap<>());

    /** A handle opened the file for writing; {@code truncates} when it replaces the content (create/truncate). */
    synchronized Writer opened(Path file, boolean truncates) {
        FileState state = files.computeIfAbsent(file, f -> new FileState());
        state.openWriters++;
        if (truncates) {
            state.interrupted = false;
            state.complete = false;
        }
        Writer writer = new Writer(file, truncates);
        open.add(writer);
        return writer;
    }

    synchronized void wrote(Writer writer) {
        writer.wrote = true;
    }

    synchronized void writeFailed(Writer writer) {
        writer.failed = true;
    }

    /** The client asked to close the handle (SFTP CLOSE); the close itself is reported by {@link #ended}. */
    synchronized void closeRequested(Writer writer) {
        writer.closeRequested = true;
    }

    /**
     * The handle is closed.
     *
     * @param byClient the close answered the client's CLOSE request and succeeded, on a session that is still open
     */
    synchronized Optional<Outcome> ended(Writer writer, boolean byClient) {
        if (writer.ended) {
            return Optional.empty();
        }
        writer.ended = true;
        open.remove(writer);
        if (writer.detached) {
            return Optional.empty(); // its file was deleted or replaced by a rename meanwhile
        }
        FileState state = files.computeIfAbsent(writer.file, f -> new FileState());
        state.openWriters = Math.max(0, state.openWriters - 1);
        boolean clean = byClient && writer.closeRequested && !writer.failed;
        if (!clean) {
            state.interrupted = true;
            state.complete = false;
            return Optional.of(new Outcome(Outcome.Kind.INTERRUPTED, writer.file));
        }
        if (writer.wrote || writer.truncates) {
            state.interrupted = false;
            state.complete = true;
        }
        return settle(writer.file, state);
    }

    /** The client renamed a file within the inbox. */
    synchronized Optional<Outcome> renamed(Path from, Path to) {
        detachWritersOf(to);
        files.remove(to);
        for (Writer w : open) {
            if (w.file.equals(from)) {
                w.file = to;
            }
        }
        FileState state = files.remove(from);
        boolean completesName = TemporaryNames.isTemporary(from) && !TemporaryNames.isTemporary(to);
        if (state == null) {
            // nothing known: nobody wrote it since the server started; trust a temporary-to-final rename
            return completesName ? Optional.of(new Outcome(Outcome.Kind.UPLOADED, to)) : Optional.empty();
        }
        files.put(to, state);
        if (state.openWriters > 0) {
            return Optional.empty();
        }
        if (state.interrupted) {
            return TemporaryNames.isTemporary(to) ? Optional.empty()
                    : Optional.of(new Outcome(Outcome.Kind.INTERRUPTED, to));
        }
        return settle(to, state);
    }

    /** The client deleted a file. */
    synchronized void removed(Path file) {
        detachWritersOf(file);
        files.remove(file);
    }

    /** How many write handles are open now. */
    synchronized int openWriters() {
        return open.size();
    }

    /** How many files are being written, waiting for a rename or interrupted (for tests and metrics). */
    synchronized int trackedFiles() {
        return files.size();
    }

    private Optional<Outcome> settle(Path file, FileState state) {
        if (state.openWriters > 0 || state.interrupted) {
            return Optional.empty();
        }
        if (!state.complete) {
            files.remove(file);
            return Optional.empty();
        }
        if (TemporaryNames.isTemporary(file)) {
            return Optional.empty(); // complete, waiting for the rename to its final name
        }
        files.remove(file);
        return Optional.of(new Outcome(Outcome.Kind.UPLOADED, file));
    }

    private void detachWritersOf(Path file) {
        for (Writer w : open) {
            if (w.file.equals(file)) {
                w.detached = true;
            }
        }
    }
}
