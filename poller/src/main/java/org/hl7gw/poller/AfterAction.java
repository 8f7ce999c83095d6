package org.hl7gw.poller;

import java.util.Objects;

/**
 * What a poller does on the server with a file once the gateway's ledger has it (never before).
 */
public sealed interface AfterAction {

    /** Parses {@code delete}, {@code leave} or {@code move:DIR}. */
    static AfterAction parse(String text) {
        if (text != null) {
            String t = text.trim();
            if (t.equals("delete")) {
                return new Delete();
            }
            if (t.equals("leave")) {
                return new Leave();
            }
            if (t.startsWith("move:")) {
                return new Move(t.substring(5));
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an after-action: write delete, leave or move:DIR (DIR relative to the polled folder)");
    }

    /** Deletes the file (and its done marker). */
    record Delete() implements AfterAction {
        @Override
        public String toString() {
            return "delete";
        }
    }

    /**
     * Renames the file on the server into {@code folder}, relative to the polled folder, keeping its path below
     * the polled folder; the folder is created when missing. When a file of that name is already there, the
     * ledger file id is appended ({@code ADT.hl7.17}) rather than overwriting it. Files under this folder are
     * never taken.
     *
     * @param folder a relative path such as {@code archive} or {@code done/2024}
     */
    record Move(String folder) implements AfterAction {
        public Move {
            Objects.requireNonNull(folder, "folder");
            String f = folder.trim();
            while (f.endsWith("/")) {
                f = f.substring(0, f.length() - 1);
            }
            if (f.isEmpty()) {
                throw new IllegalArgumentException("move needs a folder: move:archive");
            }
            if (f.startsWith("/")) {
                throw new IllegalArgumentException("the move folder is relative to the polled folder, not absolute: " + folder);
            }
            for (String segment : f.split("/")) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("the move folder must be a plain relative path without '.', '..' or '//': " + folder);
                }
            }
            folder = f;
        }

        @Override
        public String toString() {
            return "move:" + folder;
        }
    }

    /** Leaves the file where it is; the claim store remembers it was taken, so it is never taken again. */
    record Leave() implements AfterAction {
        @Override
        public String toString() {
            return "leave";
        }
    }
}
