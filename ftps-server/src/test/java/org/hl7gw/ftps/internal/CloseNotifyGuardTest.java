package org.hl7gw.ftps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.hl7gw.ftps.TlsProtocol;
import org.hl7gw.ftps.support.RawFtpsClient;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trap and its fix at the socket level: a JDK TLS server socket takes a TCP FIN without a TLS
 * {@code close_notify} for a normal end of stream; the data sockets the server makes fail instead, and still end
 * normally after a real {@code close_notify}. Under TLS 1.2 and TLS 1.3.
 */
class CloseNotifyGuardTest {
    @TempDir
    static Path dir;
    private static ServerTls serverTls;
    private static SSLContext client;
    private static final byte[] DATA = new byte[200_000];

    @BeforeAll
    static void tls() {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        serverTls = ServerTls.create(PemFiles.read(cert.certificate(), cert.privateKey()), EnumSet.allOf(TlsProtocol.class));
        client = RawFtpsClient.trusting(cert.certificate());
        new Random(7).nextBytes(DATA);
    }

    /** How the client ends its side. */
    private enum End { CLOSE_NOTIFY, FIN_ONLY }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void theJdkAloneTakesAFinWithoutCloseNotifyForTheEndOfTheData(String protocol) throws Exception {
        SSLSocketFactory jdkOnly = serverTls.getSSLContext().getSocketFactory();

        Received r = transfer(jdkOnly, protocol, End.FIN_ONLY);

        assertThat(r.failure).isNull();
        assertThat(r.bytes).isEqualTo(DATA.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aDataSocketFailsWhenTheClientLeavesWithoutCloseNotify(String protocol) throws Exception {
        Received r = transfer(serverTls.getSocketFactory(), protocol, End.FIN_ONLY);

        assertThat(r.failure).isInstanceOf(SocketException.class).isInstanceOf(TruncatedTlsStreamException.class)
                .hasMessageContaining("without a TLS close_notify");
        assertThat(r.bytes).isEqualTo(DATA.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aDataSocketEndsNormallyAfterCloseNotify(String protocol) throws Exception {
        Received r = transfer(serverTls.getSocketFactory(), protocol, End.CLOSE_NOTIFY);

        assertThat(r.failure).isNull();
        assertThat(r.bytes).isEqualTo(DATA.length);
    }

    @Test
    void theDataSocketFactoryMakesNoClientSocketsForActiveMode() {
        assertThatThrownBy(() -> serverTls.getSocketFactory().createSocket("127.0.0.1", 21))
                .isInstanceOf(SocketException.class).hasMessageContaining("active-mode");
    }

    private record Received(long bytes, Exception failure) {
    }

    /** One TLS connection on loopback: the client sends DATA and ends as told; the server reads to the end. */
    private static Received transfer(SSLSocketFactory serverSide, String protocol, End end) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(listener.getLocalPort(), protocol, end));
            try (Socket tcp = listener.accept()) {
                SSLSocket server = (SSLSocket) serverSide.createSocket(tcp, "127.0.0.1", tcp.getPort(), true);
                server.setUseClientMode(false);
                server.setEnabledProtocols(new String[]{protocol});
                server.setSoTimeout(20_000);
                server.startHandshake();
                assertThat(server.getSession().getProtocol()).isEqualTo(protocol);
                long total = 0;
                Exception failure = null;
                InputStream in = server.getInputStream();
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        total += n;
                    }
                } catch (IOException e) {
                    failure = e;
                }
                server.close();
                sender.get(20, TimeUnit.SECONDS);
                return new Received(total, failure);
            }
        }
    }

    private static void send(int port, String protocol, End end) {
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), port)) {
            SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(tcp, "127.0.0.1", port, false);
            tls.setEnabledProtocols(new String[]{protocol});
            tls.startHandshake();
            tls.getOutputStream().write(DATA);
            tls.getOutputStream().flush();
            if (end == End.CLOSE_NOTIFY) {
                tls.close();
            } else {
                tcp.shutdownOutput();
                tcp.setSoTimeout(20_000);
                tcp.getInputStream().readAllBytes(); // until the server has closed
            }
        } catch (IOException e) {
            // the server may reset the connection after it failed the read
        }
    }
}
