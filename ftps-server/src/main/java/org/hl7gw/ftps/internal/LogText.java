package org.hl7gw.ftps.internal;

/** Makes client-supplied text (a login name) safe for a log line: printable, short. */
final class LogText {
    private static final int MAX = 64;

    private LogText() {
    }

    static String of(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 3));
        for (int i = 0; i < text.length() && i < MAX; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
