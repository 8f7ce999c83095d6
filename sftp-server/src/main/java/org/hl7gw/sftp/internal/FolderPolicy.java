package org.hl7gw.sftp.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Set;
import org.hl7gw.sftp.internal.Location.Area;

/**
 * What a partner may do where. The home shows only {@code inbox/} and {@code outbox/}; everything else in it is
 * invisible.
 *
 * <table>
 * <caption>Allowed operations</caption>
 * <tr><th>where</th><th>read, list, stat</th><th>write (create, overwrite, append)</th><th>rename</th><th>delete</th></tr>
 * <tr><td>{@code /}</td><td>list, stat</td><td>no</td><td>no</td><td>no</td></tr>
 * <tr><td>{@code /inbox/NAME}</td><td>yes</td><td>yes</td><td>within the inbox</td><td>yes</td></tr>
 * <tr><td>{@code /outbox/NAME}</td><td>yes</td><td>no</td><td>within the outbox</td><td>yes</td></tr>
 * </table>
 * Never: creating or removing directories, links of any kind, server-side copies, changing owners.
 * Only times may be set, on inbox files (clients that "preserve timestamps" do it after an upload); a mode change
 * there is ignored (see {@link PartnerFileAccessor}).
 *
 * <p>Deleting in the inbox is allowed so a partner can clean up a failed temporary upload and so clients that
 * replace a file by delete-then-rename work; a file handed on to the gateway is the gateway's to move.
 */
final class FolderPolicy {
    private static final Set<OpenOption> WRITING = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
            StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.DELETE_ON_CLOSE);
    private static final Set<String> TIME_ATTRIBUTES = Set.of("lastModifiedTime", "lastAccessTime", "creationTime");
    private static final int MAX_NAME_BYTES = 255;

    private FolderPolicy() {
    }

    static boolean writes(Collection<? extends OpenOption> options) {
        return options.stream().anyMatch(WRITING::contains);
    }

    /** Anything outside the inbox and outbox does not exist for the partner. */
    static void requireVisible(Location location) throws NoSuchFileException {
        if (location.area() == Area.HIDDEN) {
            throw new NoSuchFileException(location.toString());
        }
    }

    static void checkOpen(Location location, Collection<? extends OpenOption> options) throws AccessDeniedException,
            NoSuchFileException {
        requireVisible(location);
        if (writes(options)) {
            if (!location.isEntryOf(Area.INBOX)) {
                throw denied(location, "uploads go into /inbox");
            }
            checkNewName(location);
        }
    }

    static void checkRemove(Location location, boolean directory) throws AccessDeniedException, NoSuchFileException {
        requireVisible(location);
        if (directory) {
            throw denied(location, "directories cannot be removed");
        }
        if (!location.isEntryOf(Area.INBOX) && !location.isEntryOf(Area.OUTBOX)) {
            throw denied(location, "only files in /inbox and /outbox can be deleted");
        }
    }

    static void checkRename(Location from, Location to) throws AccessDeniedException, NoSuchFileException {
        requireVisible(from);
        requireVisible(to);
        boolean inbox = from.isEntryOf(Area.INBOX) && to.isEntryOf(Area.INBOX);
        boolean outbox = from.isEntryOf(Area.OUTBOX) && to.isEntryOf(Area.OUTBOX);
        if (!inbox && !outbox) {
            throw denied(from, "files can only be renamed within /inbox or within /outbox");
        }
        checkNewName(to);
    }

    static void checkSetAttribute(Location location, String attribute) throws AccessDeniedException,
            NoSuchFileException {
        requireVisible(location);
        if (!location.isEntryOf(Area.INBOX) || !TIME_ATTRIBUTES.contains(attribute)) {
            throw denied(location, "only the times of files in /inbox can be changed");
        }
    }

    static AccessDeniedException denied(Location location, String reason) {
        return new AccessDeniedException(location.toString(), null, reason);
    }

    /** A new name: no control characters or backslashes (they end up in logs and on Windows shares), not too long. */
    private static void checkNewName(Location location) throws AccessDeniedException {
        String name = location.fileName();
        boolean bad = name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
                || name.indexOf('\\') >= 0 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (bad) {
            throw denied(location, "file name not allowed");
        }
    }
}
