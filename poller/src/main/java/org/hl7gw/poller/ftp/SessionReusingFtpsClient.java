package org.hl7gw.poller.ftp;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.apache.commons.net.ftp.FTPSClient;

/**
 * Commons Net's FTPS client whose data connections resume the control connection's TLS session, as servers
 * with {@code require_ssl_reuse} demand: Commons Net calls {@link #_prepareDataSocket_} after connecting the
 * data socket and before its handshake, which is when the session is offered to the JDK's cache under the data
 * connection's host:port (see {@link TlsSessionCache}).
 */
final class SessionReusingFtpsClient extends FTPSClient {
    private final TlsSessionCache cache;

    SessionReusingFtpsClient(boolean implicit, SSLContext context, TlsSessionCache cache) {
        super(implicit, context);
        this.cache = cache;
    }

    @Override
    protected void _prepareDataSocket_(Socket socket) throws IOException {
        if (socket instanceof SSLSocket && _socket_ instanceof SSLSocket control) {
            SSLSession session = control.getSession();
            if (!session.isValid()) {
                throw new IOException("the control connection's TLS session is no longer valid, so the data connection cannot resume it");
            }
            cache.offer(session, socket.getInetAddress(), socket.getPort());
        }
    }
}
