package org.hl7gw.ftps.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.FtpletContext;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one Ftplet: applies the {@link ProtectionPolicy} before each command, and after it reports
 * failed logins and completed or interrupted uploads ({@link UploadCompletion}, told whether an {@code ABOR}
 * arrived while the upload ran, see {@link AbortWatch}).
 *
 * <p>Apache FtpServer runs the commands of one session one after another on a pool thread, and calls
 * {@link #beforeCommand} and {@link #afterCommand} on that thread around each command.
 */
final class PartnerFtplet implements Ftplet {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerFtplet.class);
    private static final String LOGIN_ATTEMPT = "hl7gw.loginAttempt";
    private static final String RENAME_FROM = "hl7gw.renameFrom";
    private static final String ABORTS_BEFORE_UPLOAD = "hl7gw.abortsBeforeUpload";

    private final ProtectionPolicy policy;
    private final UploadCompletion completion;

    PartnerFtplet(ProtectionPolicy policy, UploadCompletion completion) {
        this.policy = policy;
        this.completion = completion;
    }

    @Override
    public void init(FtpletContext context) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing to release
    }

    @Override
    public FtpletResult onConnect(FtpSession session) {
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult onDisconnect(FtpSession session) {
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
        String command = request.getCommand().toUpperCase(Locale.ROOT);
        ProtectionPolicy.SessionState state = new ProtectionPolicy.SessionState(session.isSecure(),
                session.getDataConnection() != null && session.getDataConnection().isSecure());
        Optional<FtpReply> refusal = policy.refusal(command, request.getArgument(), state);
        if (refusal.isPresent()) {
            if (command.equals("USER") || command.equals("PASS")) {
                LOG.warn("refused a plain-text {} from {} (login {}): AUTH TLS is required", command, address(session),
                        command.equals("USER") ? LogText.of(request.getArgument()) : LogText.of(session.getUserArgument()));
            }
            session.write(refusal.get());
            return FtpletResult.SKIP;
        }
        switch (command) {
            case "PASS" -> session.setAttribute(LOGIN_ATTEMPT, session.getUserArgument());
            case "STOR", "STOU", "APPE" -> {
                if (session.getFileSystemView() instanceof JailFileSystemView view) {
                    view.clearUpload();
                }
                session.setAttribute(ABORTS_BEFORE_UPLOAD, AbortWatch.count(session.getAttribute(AbortWatch.COUNT)));
            }
            case "RNTO" -> {
                FtpFile from = session.getRenameFrom();
                if (from != null) {
                    session.setAttribute(RENAME_FROM, from);
                }
            }
            default -> {
                // nothing to note
            }
        }
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply) throws FtpException, IOException {
        String command = request.getCommand().toUpperCase(Locale.ROOT);
        int code = reply == null ? 0 : reply.getCode();
        switch (command) {
            case "PASS" -> loginAnswered(session, code);
            case "STOR", "STOU", "APPE" -> {
                Object before = session.getAttribute(ABORTS_BEFORE_UPLOAD);
                session.removeAttribute(ABORTS_BEFORE_UPLOAD);
                boolean aborted = before instanceof Integer n && AbortWatch.count(session.getAttribute(AbortWatch.COUNT)) != n;
                if (session.getFileSystemView() instanceof JailFileSystemView view) {
                    completion.uploadAnswered(view, command, reply, aborted);
                }
            }
            case "RNTO" -> {
                Object from = session.getAttribute(RENAME_FROM);
                session.removeAttribute(RENAME_FROM);
                FileSystemView fs = session.getFileSystemView();
                if (code == FtpReply.REPLY_250_REQUESTED_FILE_ACTION_OKAY && from instanceof JailFile
                        && fs instanceof JailFileSystemView view && request.getArgument() != null
                        && view.getFile(request.getArgument()) instanceof JailFile target) {
                    completion.renamed(view, target);
                }
            }
            default -> {
                // nothing to report
            }
        }
        return FtpletResult.DEFAULT;
    }

    private void loginAnswered(FtpSession session, int code) {
        Object attempted = session.getAttribute(LOGIN_ATTEMPT);
        session.removeAttribute(LOGIN_ATTEMPT);
        String login = LogText.of(attempted instanceof String s ? s : null);
        if (code == FtpReply.REPLY_230_USER_LOGGED_IN) {
            LOG.info("FTPS login {} from {}", login, address(session));
        } else if (code == FtpReply.REPLY_530_NOT_LOGGED_IN) {
            LOG.warn("FTPS login failed for {} from {} (failure {} on this connection)", login, address(session),
                    session.getFailedLogins());
        }
    }

    private static String address(FtpSession session) {
        InetSocketAddress a = session.getClientAddress();
        return a == null ? "(unknown)" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
