package org.hl7gw.ftps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.hl7gw.core.partner.PartnerAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure a partner's home holds real {@code inbox/} and {@code outbox/} folders, creating them at first login. */
final class PartnerHomes {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerHomes.class);

    /**
     * Creates the home, {@code inbox/} and {@code outbox/} when missing.
     *
     * @return false (and a warning) when they cannot be created, or when {@code inbox} or {@code outbox} exists
     *         as something other than a real folder, such as a symbolic link
     */
    boolean prepare(PartnerAccount account) {
        try {
            Files.createDirectories(account.home());
            for (Path folder : new Path[]{account.inbox(), account.outbox()}) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    Files.createDirectory(folder);
                    LOG.info("created {} for partner {}", folder, account.partnerId());
                    continue;
                }
                if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
                    LOG.warn("partner {} cannot log in: {} is not a real folder (a symbolic link or a file)", account.partnerId(), folder);
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            LOG.warn("partner {} cannot log in: its home {} cannot be prepared: {}", account.partnerId(), account.home(), e.toString());
            return false;
        }
    }

    /** The home's real path (links in the configured path resolved once; none are followed inside it). */
    Path realHome(PartnerAccount account) throws IOException {
        return account.home().toRealPath();
    }
}
