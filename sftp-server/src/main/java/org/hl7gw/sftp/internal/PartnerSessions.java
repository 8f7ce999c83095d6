package org.hl7gw.sftp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.AccessDeniedException;
import java.util.Objects;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties an SSH session to the partner that logged in on it. On login it looks the account up, creates the
 * partner's {@code inbox/} and {@code outbox/} when missing, and keeps the {@link PartnerHome} on the session
 * for the file system, the policy and the upload listener. A login whose home cannot be prepared is disconnected.
 */
public final class PartnerSessions implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerSessions.class);
    private static final AttributeKey<PartnerHome> HOME = new AttributeKey<>();
    private static final AttributeKey<String> METHOD = new AttributeKey<>();
    private static final int MAX_LOGGED_LOGIN = 64;

    private final PartnerDirectory directory;

    public PartnerSessions(PartnerDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event != Event.Authenticated || session.getAttribute(HOME) != null) {
            return;
        }
        try {
            PartnerHome home = attach(session);
            LOG.info("partner {} (login {}) logged in from {} by {}", home.account().partnerId(), home.account().login(),
                    remote(session), Optional.ofNullable(session.getAttribute(METHOD)).orElse("?"));
        } catch (IOException | RuntimeException e) {
            LOG.error("closing the session of login {} from {}: its home cannot be prepared: {}",
                    safeLogin(session.getUsername()), remote(session), e.toString());
            session.close(true);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        PartnerHome home = session.getAttribute(HOME);
        if (home != null) {
            LOG.info("partner {} (login {}) from {} disconnected", home.account().partnerId(), home.account().login(),
                    remote(session));
        }
    }

    /** The home of the partner logged in on the session, attaching it if the login event has not done so yet. */
    PartnerHome home(Session session) throws IOException {
        PartnerHome home = session.getAttribute(HOME);
        return home != null ? home : attach(session);
    }

    /** The home of the partner logged in on the session; for callbacks that run only after login. */
    static PartnerHome attached(Session session) throws AccessDeniedException {
        PartnerHome home = session.getAttribute(HOME);
        if (home == null) {
            throw new AccessDeniedException("/", null, "not logged in");
        }
        return home;
    }

    /** Remembers how the session's login was proven (for the login log line). */
    static void recordMethod(Session session, String method) {
        session.setAttribute(METHOD, method);
    }

    private PartnerHome attach(Session session) throws IOException {
        if (!session.isAuthenticated()) {
            throw new AccessDeniedException("/", null, "not logged in");
        }
        String login = session.getUsername();
        PartnerAccount account = directory.account(login)
                .orElseThrow(() -> new IOException("login " + safeLogin(login) + " is no longer in the partner directory"));
        PartnerHome home = PartnerHome.prepare(account);
        session.setAttribute(HOME, home);
        return home;
    }

    /** The client's address as {@code host:port}, for logs. */
    static String remote(Session session) {
        SocketAddress address = session.getRemoteAddress();
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : inet.toString();
        }
        return String.valueOf(address);
    }

    /** A login name as typed by a stranger, made safe for a log line: printable ASCII only, at most 64 characters. */
    static String safeLogin(String login) {
        if (login == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < login.length() && sb.length() < MAX_LOGGED_LOGIN; i++) {
            char c = login.charAt(i);
            sb.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        if (login.length() > MAX_LOGGED_LOGIN) {
            sb.append("...");
        }
        return sb.toString();
    }
}
