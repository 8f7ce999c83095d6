package org.hl7gw.gateway.app;

/** Small text helpers for messages, logs and result files. */
public final class Text {
    private Text() {
    }

    /** The first line of a text that may hold several (errors are stored one per line); "" for null. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
