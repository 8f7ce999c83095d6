package org.hl7gw.poller.internal;

/** '/'-separated relative paths. */
public final class Paths {
    private Paths() {
    }

    /** {@code a} + "/" + {@code b}, where either may be "". */
    public static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.endsWith("/") ? a + b : a + "/" + b;
    }

    /** The folder part ("" at the top). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last segment. */
    public static String name(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Every folder from the top down to {@code folder} itself: "a/b/c" gives "a", "a/b", "a/b/c" (empty segments skipped). */
    public static java.util.List<String> lineage(String folder) {
        java.util.List<String> out = new java.util.ArrayList<>();
        String done = "";
        for (String segment : folder.split("/")) {
            if (!segment.isEmpty()) {
                done = join(done, segment);
                out.add(done);
            }
        }
        return out;
    }
}
