package org.hl7gw.ftps.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes the TLS sockets of passive data connections. Apache FtpServer accepts the TCP connection itself and
 * asks this factory to layer TLS over it ({@link #createSocket(Socket, String, int, boolean)}); the TCP socket
 * is wrapped in a {@link CloseNotifyGuardSocket} first, so an upload cut off without a TLS {@code close_notify}
 * fails instead of ending like a complete one, and the TLS socket is wrapped in a {@link GracefulCloseTlsSocket}
 * so that closing it does not send lftp an alert it takes for fatal.
 *
 * <p>The other factory methods make client sockets for active-mode data connections, which the server does
 * not offer: they refuse.
 */
final class CloseNotifyRequiringSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory jdk;

    CloseNotifyRequiringSocketFactory(SSLSocketFactory jdk) {
        this.jdk = jdk;
    }

    @Override
    public Socket createSocket(Socket tcp, String host, int port, boolean autoClose) throws IOException {
        return new GracefulCloseTlsSocket((SSLSocket) jdk.createSocket(new CloseNotifyGuardSocket(tcp), host, port, autoClose));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return jdk.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return jdk.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        throw activeModeRefused();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw activeModeRefused();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw activeModeRefused();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw activeModeRefused();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw activeModeRefused();
    }

    private static SocketException activeModeRefused() {
        return new SocketException("active-mode data connections are not offered");
    }
}
