package org.hl7gw.ftps.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ftpserver.ipfilter.SessionFilter;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Counts the {@code ABOR} commands of each control connection the moment they arrive, while an upload may
 * still be running.
 *
 * <p>Why: Apache FtpServer runs a session's commands one after another, so an {@code ABOR} sent during a
 * {@code STOR} waits until the {@code STOR} has ended. A client that aborts an upload by sending {@code ABOR}
 * and then closing the data connection cleanly (with {@code close_notify}, as a Java client does when it closes
 * its stream) would otherwise look like a complete upload. This filter sits in each control connection's MINA
 * filter chain before the thread pool (after TLS is decrypted), so it sees the line as soon as it arrives;
 * the upload decision compares the count before and after the upload command.
 *
 * <p>It is installed through Apache FtpServer's {@link SessionFilter} hook, which hands over each new MINA
 * session; it accepts every session. The scan keeps a few bytes of state per session and never changes or
 * holds the data.
 */
final class AbortWatch implements SessionFilter {
    /** Session attribute holding the {@link AtomicInteger} count of {@code ABOR} lines. */
    static final String COUNT = "hl7gw.aborts";
    private static final String SCANNER = "hl7gw.abortScanner";
    private static final String AFTER = "sessionFilter";

    @Override
    public boolean accept(IoSession session) {
        session.setAttribute(COUNT, new AtomicInteger());
        if (session.getFilterChain().contains(AFTER)) {
            session.getFilterChain().addAfter(AFTER, SCANNER, new Scanner());
        } else {
            session.getFilterChain().addFirst(SCANNER, new Scanner());
        }
        return true;
    }

    /** The number of {@code ABOR} commands seen so far on the session, 0 when it is not watched. */
    static int count(Object attribute) {
        return attribute instanceof AtomicInteger n ? n.get() : 0;
    }

    /** Finds lines that begin with {@code ABOR} (any case, after Telnet IAC sequences) in the raw command bytes. */
    private static final class Scanner extends IoFilterAdapter {
        private static final String STATE = "hl7gw.abortScanState";
        private static final byte[] ABOR = {'A', 'B', 'O', 'R'};

        /** Bytes matched of "ABOR" at the start of the current line; -1 when the line cannot be ABOR. */
        private static final class State {
            int matched;
            boolean afterIac;
        }

        @Override
        public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
            if (message instanceof IoBuffer buffer) {
                State state = (State) session.getAttribute(STATE);
                if (state == null) {
                    state = new State();
                    session.setAttribute(STATE, state);
                }
                for (int i = buffer.position(); i < buffer.limit(); i++) {
                    scan(session, state, buffer.get(i));
                }
            }
            next.messageReceived(session, message);
        }

        private static void scan(IoSession session, State state, byte b) {
            if (b == '\n') {
                state.matched = 0;
                state.afterIac = false;
                return;
            }
            if (state.matched < 0 || state.matched == ABOR.length) {
                return;
            }
            if (state.afterIac) {
                state.afterIac = false; // the byte after IAC (IP, DM, ...)
                return;
            }
            if ((b & 0xFF) == 0xFF && state.matched == 0) {
                state.afterIac = true;
                return;
            }
            if (Character.toUpperCase((char) (b & 0xFF)) == ABOR[state.matched]) {
                state.matched++;
                if (state.matched == ABOR.length && session.getAttribute(COUNT) instanceof AtomicInteger n) {
                    n.incrementAndGet();
                }
            } else {
                state.matched = -1;
            }
        }
    }
}
