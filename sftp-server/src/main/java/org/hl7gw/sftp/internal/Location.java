package org.hl7gw.sftp.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7gw.core.partner.PartnerAccount;

/**
 * Where a path points inside a partner's home, as the partner sees it: {@code /} is the home, {@code /inbox/x.hl7}
 * a file in the inbox. Built from the normalized names of the path, so {@code ..} can never climb above {@code /}.
 *
 * @param names the path's names below the home, none for the home itself
 */
record Location(List<String> names) {

    /** The parts of a home a partner can reach, and everything else. */
    enum Area { HOME, INBOX, OUTBOX, HIDDEN }

    Location {
        names = List.copyOf(names);
    }

    /** The location of a path of the partner's (rooted) file system; {@code ..} at the top stays at the top. */
    static Location of(Path rootedPath) {
        Objects.requireNonNull(rootedPath, "rootedPath");
        List<String> names = new ArrayList<>();
        for (Path name : rootedPath.toAbsolutePath().normalize()) {
            String n = name.toString();
            if (n.equals("..")) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else if (!n.isEmpty() && !n.equals(".")) {
                names.add(n);
            }
        }
        return new Location(names);
    }

    Area area() {
        if (names.isEmpty()) {
            return Area.HOME;
        }
        return switch (names.get(0)) {
            case PartnerAccount.INBOX -> Area.INBOX;
            case PartnerAccount.OUTBOX -> Area.OUTBOX;
            default -> Area.HIDDEN;
        };
    }

    /** Whether this is a file name directly inside the given folder ({@code /inbox/x.hl7}, not {@code /inbox/a/b}). */
    boolean isEntryOf(Area folder) {
        return names.size() == 2 && area() == folder;
    }

    /** The last name, or empty for the home. */
    String fileName() {
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    /** The local path of this location under a home folder. */
    Path under(Path home) {
        Path p = home;
        for (String n : names) {
            p = p.resolve(n);
        }
        return p;
    }

    /** As the partner sees it: {@code /inbox/x.hl7}. */
    @Override
    public String toString() {
        return "/" + String.join("/", names);
    }
}
