package org.hl7gw.sftp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.sftp.internal.Location.Area;
import org.hl7gw.sftp.internal.UploadTracker.Outcome;
import org.hl7gw.sftp.internal.UploadTracker.Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds MINA's SFTP events for inbox files into the {@link UploadTracker} and hands the outcomes on.
 *
 * <p>Which MINA 2.20 callbacks fire when (read from {@code SftpSubsystem}):
 * <ul>
 * <li>{@code open} after a file handle is opened; {@code writing}/{@code written} around each WRITE request
 * ({@code written} carries the exception of a failed write).</li>
 * <li>{@code closing} then {@code closed} only from the handling of a client's CLOSE request
 * ({@code SftpSubsystem.doClose}); {@code closed} carries the exception if closing failed.</li>
 * <li>When the channel or the connection goes away, {@code SftpSubsystem.closeAllHandles} calls {@code exiting} for
 * every handle still open and closes it without {@code closing}/{@code closed}.</li>
 * <li>{@code moved} after RENAME and posix-rename@openssh.com, {@code removed} after REMOVE.</li>
 * </ul>
 * The listener does not rely on the second point alone: a close counts as the client's only if {@code closing}
 * was seen for the handle, no {@code exiting} came first, {@code closed} reports no error and the session is still
 * open. Anything else is an interrupted upload.
 */
public final class UploadEventListener implements SftpEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(UploadEventListener.class);
    private static final AttributeKey<Tracked> TRACKED = new AttributeKey<>();
    private static final Set<OpenOption> REPLACING = Set.of(StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.CREATE_NEW);

    private final UploadTracker tracker = new UploadTracker();
    private final HandOff handOff;

    public UploadEventListener(HandOff handOff) {
        this.handOff = Objects.requireNonNull(handOff, "handOff");
    }

    @Override
    public void open(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        if (!(localHandle instanceof FileHandle file) || !FolderPolicy.writes(file.getOpenOptions())) {
            return;
        }
        Location location = Location.of(file.getFile());
        if (!location.isEntryOf(Area.INBOX)) {
            return;
        }
        PartnerHome home = PartnerSessions.attached(session);
        Collection<StandardOpenOption> options = file.getOpenOptions();
        boolean truncates = options.stream().anyMatch(REPLACING::contains);
        Writer writer = tracker.opened(home.local(location), truncates);
        file.setAttribute(TRACKED, new Tracked(writer, home.account()));
        LOG.debug("partner {}: writing {}{}", home.account().partnerId(), location, truncates ? "" : " (not truncated)");
    }

    @Override
    public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
            int dataOffset, int dataLen, Throwable thrown) {
        Tracked tracked = localHandle.getAttribute(TRACKED);
        if (tracked == null) {
            return;
        }
        if (thrown == null) {
            tracker.wrote(tracked.writer());
        } else {
            tracker.writeFailed(tracked.writer());
        }
    }

    @Override
    public void closing(ServerSession session, String remoteHandle, Handle localHandle) {
        Tracked tracked = localHandle.getAttribute(TRACKED);
        if (tracked != null) {
            tracker.closeRequested(tracked.writer());
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown)
            throws IOException {
        Tracked tracked = localHandle.getAttribute(TRACKED);
        if (tracked != null) {
            boolean byClient = thrown == null && session.isOpen();
            deliver(tracked.account(), tracker.ended(tracked.writer(), byClient));
        }
    }

    @Override
    public void exiting(ServerSession session, Handle localHandle) throws IOException {
        Tracked tracked = localHandle.getAttribute(TRACKED);
        if (tracked != null) {
            deliver(tracked.account(), tracker.ended(tracked.writer(), false));
        }
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<java.nio.file.CopyOption> opts,
            Throwable thrown) throws IOException {
        if (thrown != null) {
            return;
        }
        Location from = Location.of(srcPath);
        Location to = Location.of(dstPath);
        if (from.isEntryOf(Area.INBOX) && to.isEntryOf(Area.INBOX)) {
            PartnerHome home = PartnerSessions.attached(session);
            deliver(home.account(), tracker.renamed(home.local(from), home.local(to)));
        }
    }

    @Override
    public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown) throws IOException {
        Location location = Location.of(path);
        if (thrown == null && location.isEntryOf(Area.INBOX)) {
            tracker.removed(PartnerSessions.attached(session).local(location));
        }
    }

    /**
     * What the listener keeps on an inbox write handle. The account is kept here because MINA has already cleared
     * the session's attributes when it tears a dropped connection's handles down.
     */
    private record Tracked(Writer writer, PartnerAccount account) {
    }

    /**
     * Waits until no inbox file is open for writing any more, at most {@code timeout}: when the server stops, MINA
     * tears the sessions' handles down on their own threads, and their interruptions should reach the handler
     * before it is shut down.
     *
     * @return whether all write handles ended in time
     */
    public boolean awaitNoOpenWriters(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tracker.openWriters() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void deliver(PartnerAccount account, Optional<Outcome> outcome) {
        if (outcome.isEmpty()) {
            return;
        }
        Path file = outcome.get().file();
        long bytes = size(file);
        switch (outcome.get().kind()) {
            case UPLOADED -> {
                if (bytes < 0) {
                    LOG.info("partner {}: {} was complete but is gone already; nothing to hand on",
                            account.partnerId(), file.getFileName());
                } else {
                    handOff.uploaded(account, file, bytes);
                }
            }
            case INTERRUPTED -> handOff.interrupted(account, file, Math.max(0, bytes));
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
