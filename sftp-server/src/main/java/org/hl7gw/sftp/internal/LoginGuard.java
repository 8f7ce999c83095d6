package org.hl7gw.sftp.internal;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.hl7gw.core.partner.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password and public-key authentication against the {@link PartnerDirectory}, with brute-force brakes.
 *
 * <p>Every failed login (wrong or unknown login, wrong password, key not authorized) is logged at WARN with the
 * login name, the client address and the method (a key's type and fingerprint, never a password) and counted; the
 * failure that reaches the configured maximum closes the connection instead of being answered.
 *
 * <p>A failed password is answered only after the failed-login delay, without holding a MINA I/O thread: the
 * authenticator throws MINA's {@link AsyncAuthException} and completes it later from a small scheduler. Password
 * hashes (bcrypt, PBKDF2) are slow on purpose, so the checks themselves also run on that scheduler, at most
 * {@value #MAX_PASSWORD_CHECKS} at once; more concurrent attempts fail (after the delay) without a check.
 *
 * <p>Pitfall: MINA 2.20 accepts an asynchronous answer only for the password and keyboard-interactive methods
 * (anything else closes the connection with "Async authentication only allowed for password or
 * keyboard-interactive authentication"), so a refused public key is answered at once. Nothing is lost: a key cannot
 * be guessed, and clients that offer several keys from an agent are not slowed down. Refused keys still count
 * towards the maximum, as OpenSSH's MaxAuthTries does.
 */
public final class LoginGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);
    static final int MAX_PASSWORD_CHECKS = 16;
    private static final AttributeKey<AtomicInteger> FAILURES = new AttributeKey<>();

    private final PartnerDirectory directory;
    private final int maxFailures;
    private final Duration delay;
    private final ScheduledExecutorService scheduler;
    private final Semaphore passwordChecks = new Semaphore(MAX_PASSWORD_CHECKS);

    public LoginGuard(PartnerDirectory directory, int maxFailures, Duration delay) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.delay = Objects.requireNonNull(delay, "delay");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        this.maxFailures = maxFailures;
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "hl7gw-sftp-login-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    public PasswordAuthenticator passwords() {
        return this::checkPassword;
    }

    public PublickeyAuthenticator keys() {
        return this::checkKey;
    }

    private boolean checkPassword(String login, String password, ServerSession session) {
        AsyncAuthException answer = new AsyncAuthException();
        if (!passwordChecks.tryAcquire()) {
            refuse(answer, session, login, "password", "too many password checks in progress");
            throw answer;
        }
        char[] secret = password.toCharArray();
        try {
            scheduler.execute(() -> {
                boolean ok = false;
                try {
                    ok = directory.passwordMatches(login, secret);
                } catch (RuntimeException e) {
                    LOG.error("the partner directory failed to check the password of login {}",
                            PartnerSessions.safeLogin(login), e);
                } finally {
                    Arrays.fill(secret, '\0');
                    passwordChecks.release();
                }
                if (ok) {
                    PartnerSessions.recordMethod(session, "password");
                    answer.setAuthed(true);
                } else {
                    refuse(answer, session, login, "password", "wrong password or unknown login");
                }
            });
        } catch (RejectedExecutionException e) {
            Arrays.fill(secret, '\0');
            passwordChecks.release();
            answer.setAuthed(false); // the server is stopping
        }
        throw answer;
    }

    private boolean checkKey(String login, PublicKey key, ServerSession session) {
        boolean ok = false;
        try {
            ok = directory.keyAuthorized(login, key);
        } catch (RuntimeException e) {
            LOG.error("the partner directory failed to check a key of login {}", PartnerSessions.safeLogin(login), e);
        }
        if (ok) {
            PartnerSessions.recordMethod(session, "publickey " + KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key));
            return true;
        }
        int failures = countAndLog(session, login, "publickey",
                "key " + KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key) + " not authorized");
        if (failures >= maxFailures) {
            disconnect(session, failures);
        }
        return false;
    }

    /** Logs the failure, then answers it after the delay, or closes the connection at the last allowed failure. */
    private void refuse(AsyncAuthException answer, ServerSession session, String login, String method, String why) {
        int failures = countAndLog(session, login, method, why);
        Runnable reply = failures >= maxFailures ? () -> disconnect(session, failures) : () -> answer.setAuthed(false);
        if (delay.isZero()) {
            reply.run();
            return;
        }
        try {
            scheduler.schedule(reply, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            reply.run();
        }
    }

    private int countAndLog(ServerSession session, String login, String method, String why) {
        int failures = session.computeAttributeIfAbsent(FAILURES, k -> new AtomicInteger()).incrementAndGet();
        LOG.warn("failed login for {} from {} by {}: {} (failure {} of {})", PartnerSessions.safeLogin(login),
                PartnerSessions.remote(session), method, why, failures, maxFailures);
        return failures;
    }

    private static void disconnect(ServerSession session, int failures) {
        LOG.warn("closing the connection from {} after {} failed logins", PartnerSessions.remote(session), failures);
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                    "Too many authentication failures");
        } catch (IOException | RuntimeException e) {
            session.close(true);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
