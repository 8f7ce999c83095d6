package org.hl7gw.splitter;

import java.util.Locale;

/** What a wrong BTS-1 or FTS-1 count does to a file. */
public enum CountMismatchPolicy {
    /** The file is invalid (the default: a count that does not match may mean lost messages). */
    REJECT,
    /** The file passes; the report carries the mismatch as a warning. Real feeds do carry wrong counts. */
    WARN;

    /** Parses {@code reject} or {@code warn} (any case). */
    public static CountMismatchPolicy parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + text + "' is not a count-mismatch policy: use reject or warn");
        }
    }
}
