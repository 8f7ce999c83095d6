package org.hl7gw.ftps.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Which names a partner may write, and which of them are temporary (an upload still in progress). */
final class FileNames {
    private static final String[] TEMPORARY_SUFFIXES = {".part", ".tmp", ".filepart"};

    private FileNames() {
    }

    /**
     * A name a partner may create in its inbox: 1 to 255 bytes of UTF-8, no slash, backslash, control
     * character, not {@code .} or {@code ..}.
     */
    static boolean isWritable(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return false;
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the name marks an upload still in progress: it starts with a dot, or ends with {@code .part},
     * {@code .tmp} or {@code .filepart} (any case). Such files are not handed on when their upload ends; a
     * rename to a final name hands them on.
     */
    static boolean isTemporary(String name) {
        if (name.startsWith(".")) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : TEMPORARY_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
