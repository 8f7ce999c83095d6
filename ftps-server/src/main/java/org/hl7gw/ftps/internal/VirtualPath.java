package org.hl7gw.ftps.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A path as the partner sees it: absolute, below the partner's root {@code /}, without {@code .} or
 * {@code ..}. Resolving can never climb above the root: {@code /../../etc/passwd} is {@code /etc/passwd}
 * inside the jail, which does not exist there.
 *
 * @param segments the names from the root down; empty for the root
 */
record VirtualPath(List<String> segments) {
    static final VirtualPath ROOT = new VirtualPath(List.of());

    VirtualPath {
        segments = List.copyOf(segments);
    }

    /**
     * Resolves what a client sent against this (working) directory. A leading {@code /} starts at the root;
     * backslashes count as slashes (Windows clients); empty names and {@code .} are skipped; {@code ..} climbs
     * one level but never above the root.
     *
     * @throws IllegalArgumentException for a name with a NUL or another control character
     */
    VirtualPath resolve(String input) {
        String text = input == null ? "" : input.replace('\\', '/');
        List<String> out = new ArrayList<>(text.startsWith("/") ? List.of() : segments);
        for (String part : text.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            for (int i = 0; i < part.length(); i++) {
                if (Character.isISOControl(part.charAt(i))) {
                    throw new IllegalArgumentException("a file name with a control character");
                }
            }
            out.add(part);
        }
        return new VirtualPath(out);
    }

    int depth() {
        return segments.size();
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last name; {@code /} for the root. */
    String name() {
        return isRoot() ? "/" : segments.get(segments.size() - 1);
    }

    String first() {
        return isRoot() ? "" : segments.get(0);
    }

    VirtualPath child(String name) {
        List<String> out = new ArrayList<>(segments);
        out.add(name);
        return new VirtualPath(out);
    }

    /** {@code /}, {@code /inbox}, {@code /inbox/a.hl7}. */
    String absolute() {
        return "/" + String.join("/", segments);
    }

    @Override
    public String toString() {
        return absolute();
    }
}
