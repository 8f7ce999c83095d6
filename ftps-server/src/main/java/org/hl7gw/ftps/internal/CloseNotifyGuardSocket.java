package org.hl7gw.ftps.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * The accepted TCP socket of a data connection, handed to the JDK's TLS layer in place of the real one. It
 * forwards everything to the real socket, except that the end of the TCP stream is reported as a
 * {@link TruncatedTlsStreamException} instead of {@code -1}.
 *
 * <p>Why: the JDK's {@code SSLSocket} (JDK 17, unless the JVM-wide property
 * {@code com.sun.net.ssl.requireCloseNotify} is set) treats a TCP end without a TLS {@code close_notify} like a
 * {@code close_notify}: the application reads {@code -1}, a normal end of stream, and an FTP server answers
 * 226 for an upload whose client was killed. The TLS layer reads exactly the bytes of each record from the
 * socket, so when a {@code close_notify} arrives it stops reading before the TCP end; it reads on into the TCP
 * end only when no {@code close_notify} came. So "the TLS layer saw the raw stream end" is exactly "the peer
 * left without {@code close_notify}", and failing that read makes the TLS layer fail the application's read.
 *
 * <p>Pitfall: every public method of {@link Socket} must be forwarded; the JDK's layered {@code SSLSocket} calls
 * them on this object ({@code getInputStream}, {@code setSoTimeout}, {@code close}, {@code isConnected}...).
 */
final class CloseNotifyGuardSocket extends Socket {
    private final Socket tcp;
    private InputStream guarded;

    CloseNotifyGuardSocket(Socket tcp) throws SocketException {
        super((SocketImpl) null);
        this.tcp = tcp;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (guarded == null) {
            guarded = new Guard(tcp.getInputStream());
        }
        return guarded;
    }

    /** Fails the read that meets the end of the TCP stream. */
    private static final class Guard extends FilterInputStream {
        private long bytes;

        Guard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new TruncatedTlsStreamException(bytes);
            }
            bytes++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n < 0) {
                throw new TruncatedTlsStreamException(bytes);
            }
            bytes += n;
            return n;
        }
    }

    // ------------------------------------------------------------------ plain forwarding

    @Override
    public OutputStream getOutputStream() throws IOException {
        return tcp.getOutputStream();
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        tcp.connect(endpoint);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        tcp.connect(endpoint, timeout);
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        tcp.bind(bindpoint);
    }

    @Override
    public InetAddress getInetAddress() {
        return tcp.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return tcp.getLocalAddress();
    }

    @Override
    public int getPort() {
        return tcp.getPort();
    }

    @Override
    public int getLocalPort() {
        return tcp.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return tcp.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tcp.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return null;
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        tcp.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return tcp.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        tcp.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return tcp.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        tcp.sendUrgentData(data);
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        tcp.setOOBInline(on);
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return tcp.getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tcp.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tcp.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        tcp.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return tcp.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        tcp.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return tcp.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        tcp.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return tcp.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        tcp.setTrafficClass(tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return tcp.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        tcp.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return tcp.getReuseAddress();
    }

    @Override
    public void close() throws IOException {
        tcp.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        tcp.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        tcp.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return tcp.isConnected();
    }

    @Override
    public boolean isBound() {
        return tcp.isBound();
    }

    @Override
    public boolean isClosed() {
        return tcp.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return tcp.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return tcp.isOutputShutdown();
    }

    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        tcp.setPerformancePreferences(connectionTime, latency, bandwidth);
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        tcp.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return tcp.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return tcp.supportedOptions();
    }

    @Override
    public String toString() {
        return "CloseNotifyGuardSocket[" + tcp + "]";
    }
}
