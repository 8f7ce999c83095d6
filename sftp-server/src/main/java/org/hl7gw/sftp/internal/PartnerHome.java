package org.hl7gw.sftp.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.hl7gw.core.partner.PartnerAccount;

/**
 * A logged-in partner's home folder on disk: where its {@link Location}s are, and the check that nothing on the
 * way to one of them is a symbolic link.
 *
 * <p>Why refuse symbolic links outright: MINA's rooted file system only confines path names; the operating system
 * still follows a link that someone placed inside a home (an operator, another program) to wherever it points.
 * Partners themselves cannot create links (SYMLINK, LINK and hardlink@openssh.com are refused), so any link found
 * here was put there by someone else, and following it could leak files from outside the jail.
 */
final class PartnerHome {
    private final PartnerAccount account;

    PartnerHome(PartnerAccount account) {
        this.account = Objects.requireNonNull(account, "account");
    }

    /**
     * Makes sure the home, its inbox and its outbox exist as real directories (created owner-only when missing).
     *
     * @throws IOException when one cannot be created, or is a symbolic link or not a directory
     */
    static PartnerHome prepare(PartnerAccount account) throws IOException {
        createOwnerOnly(account.home());
        for (Path dir : new Path[] {account.inbox(), account.outbox()}) {
            if (Files.isSymbolicLink(dir)) {
                throw new IOException(dir + " is a symbolic link; a partner's inbox and outbox must be real directories");
            }
            createOwnerOnly(dir);
        }
        return new PartnerHome(account);
    }

    PartnerAccount account() {
        return account;
    }

    /** The home as the rooted file system sees it: its real path (the configured one may go through a link). */
    Path realRoot() throws IOException {
        return account.home().toRealPath();
    }

    /** The local file of a location, under the configured home (the path handed to the UploadHandler). */
    Path local(Location location) {
        return location.under(account.home());
    }

    /**
     * Refuses a location when the home path to it goes through a symbolic link, the last name included.
     *
     * @throws AccessDeniedException naming the location as the partner sees it
     */
    void refuseLinks(Location location) throws AccessDeniedException {
        Path p = account.home();
        for (String name : location.names()) {
            p = p.resolve(name);
            if (Files.isSymbolicLink(p)) {
                throw new AccessDeniedException(location.toString(), null, "symbolic links are not followed");
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return; // nothing below a missing name can exist yet
            }
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return; // (inbox and outbox were checked for links; the home itself may be one the operator set up)
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }
}
