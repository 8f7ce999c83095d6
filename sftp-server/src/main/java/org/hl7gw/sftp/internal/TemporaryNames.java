package org.hl7gw.sftp.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Names clients give a file while they are still writing it, to rename it when done: {@code *.part} (OpenSSH
 * scripts, FileZilla), {@code *.tmp}, {@code *.filepart} (WinSCP) and dot-names ({@code .x.hl7}, rsync-style).
 * Such a file is never handed on under that name; the rename to its final name completes the upload.
 */
public final class TemporaryNames {
    private static final List<String> SUFFIXES = List.of(".part", ".tmp", ".filepart");

    private TemporaryNames() {
    }

    public static boolean isTemporary(String fileName) {
        if (fileName.startsWith(".")) {
            return true;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        return name != null && isTemporary(name.toString());
    }
}
