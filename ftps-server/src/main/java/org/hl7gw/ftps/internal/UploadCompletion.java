package org.hl7gw.ftps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.ftpserver.ftplet.FtpReply;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.UploadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, when an upload command or a rename has been answered, whether a file is handed on.
 *
 * <p>An upload ({@code STOR}, {@code STOU}, {@code APPE}) is complete only when the server answered it with
 * 226 and the client sent no {@code ABOR} meanwhile. Apache FtpServer answers 426/451/551 when the data connection fails, and the data connection fails when
 * it ends without a TLS {@code close_notify} ({@link CloseNotifyGuardSocket}): a killed client never gets 226.
 * A complete upload is handed on unless its name is temporary, or another session (a newer writer of the same
 * name) is still writing it; an incomplete one is reported as interrupted and left where it is.
 */
final class UploadCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(UploadCompletion.class);
    static final String PROTOCOL = "ftps";

    private final UploadHandler handler;

    UploadCompletion(UploadHandler handler) {
        this.handler = handler;
    }

    /**
     * After STOR, STOU or APPE.
     *
     * @param aborted whether the client sent ABOR while the command ran
     */
    void uploadAnswered(JailFileSystemView view, String command, FtpReply reply, boolean aborted) {
        OpenWrites.Writer writer = view.takeUpload().orElse(null);
        if (writer == null) {
            return; // refused before a file was opened: nothing written
        }
        PartnerAccount account = view.account();
        Path file = writer.file();
        String name = file.getFileName().toString();
        int code = reply == null ? 0 : reply.getCode();
        if (writer.superseded()) {
            LOG.info("partner {}: {} of {} was overtaken by a newer upload of the same name; that one will be handed on",
                    account.partnerId(), command, name);
            return;
        }
        if (code != FtpReply.REPLY_226_CLOSING_DATA_CONNECTION || aborted) {
            long bytes = sizeOf(file);
            LOG.warn("partner {}: {} of {} did not complete (reply {}{}, {} bytes on disk): not handed on",
                    account.partnerId(), command, name, code, aborted ? ", ABOR received" : "", bytes);
            try {
                handler.interrupted(account, file, PROTOCOL, bytes);
            } catch (RuntimeException e) {
                LOG.error("upload handler failed on the interrupted upload {} of partner {}", name, account.partnerId(), e);
            }
            return;
        }
        if (FileNames.isTemporary(name)) {
            LOG.info("partner {}: {} of {} complete under a temporary name; handed on when renamed", account.partnerId(), command, name);
            return;
        }
        if (view.writes().hasCurrentWriter(file)) {
            LOG.info("partner {}: {} of {} complete, but another session is writing the same file; the last writer hands it on",
                    account.partnerId(), command, name);
            return;
        }
        handOn(account, file, command);
    }

    /** After RNTO answered 250: a temporary upload got its final name in the inbox. */
    void renamed(JailFileSystemView view, JailFile target) {
        if (target.place() != JailFile.Place.INBOX_ENTRY || FileNames.isTemporary(target.getName())) {
            return;
        }
        handOn(view.account(), target.realPath(), "rename");
    }

    private void handOn(PartnerAccount account, Path file, String how) {
        LOG.info("partner {}: {} complete ({}, {} bytes): handed on", account.partnerId(), file.getFileName(), how, sizeOf(file));
        try {
            handler.uploaded(account, file, PROTOCOL);
        } catch (RuntimeException e) {
            LOG.error("upload handler failed on {} of partner {}", file.getFileName(), account.partnerId(), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (IOException e) {
            return -1;
        }
    }
}
