package org.hl7gw.ftps.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small FTPS client on JDK sockets that lets a test do what real clients do by accident: send {@code ABOR}
 * mid-upload, end a data connection with a TCP FIN and no TLS {@code close_notify}, send {@code PROT C}.
 * Every step is explicit; nothing is retried.
 */
public final class RawFtpsClient implements AutoCloseable {
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    /** A server reply. */
    public record Reply(int code, String text) {
        @Override
        public String toString() {
            return code + " " + text;
        }
    }

    private final SSLContext context;
    private final String protocol;
    private final String host;
    private Socket control;
    private InputStream in;
    private OutputStream out;

    private RawFtpsClient(SSLContext context, String protocol, String host) {
        this.context = context;
        this.protocol = protocol;
        this.host = host;
    }

    /** A client context that trusts exactly the given PEM certificate. */
    public static SSLContext trusting(Path certificatePem) {
        try (InputStream pem = Files.newInputStream(certificatePem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects in plain text and reads the greeting (explicit mode; call {@link #authTls()} next). */
    public static RawFtpsClient connect(int port, SSLContext context, String protocol) throws IOException {
        RawFtpsClient c = new RawFtpsClient(context, protocol, "127.0.0.1");
        c.control = new Socket("127.0.0.1", port);
        c.control.setSoTimeout(30_000);
        c.in = c.control.getInputStream();
        c.out = c.control.getOutputStream();
        c.expect(c.reply(), 220);
        return c;
    }

    /** Connects with TLS from the first byte (implicit mode) and reads the greeting. */
    public static RawFtpsClient connectImplicit(int port, SSLContext context, String protocol) throws IOException {
        RawFtpsClient c = new RawFtpsClient(context, protocol, "127.0.0.1");
        c.control = c.tls(new Socket("127.0.0.1", port), true);
        c.control.setSoTimeout(30_000);
        c.in = c.control.getInputStream();
        c.out = c.control.getOutputStream();
        c.expect(c.reply(), 220);
        return c;
    }

    /** {@code AUTH TLS} and the handshake on the control connection. */
    public void authTls() throws IOException {
        expect(command("AUTH TLS"), 234);
        control = tls(control, true);
        in = control.getInputStream();
        out = control.getOutputStream();
    }

    /** USER, PASS, PBSZ 0, PROT P, TYPE I, each expected to succeed. */
    public void loginProtected(String login, String password) throws IOException {
        expect(command("USER " + login), 331);
        expect(command("PASS " + password), 230);
        expect(command("PBSZ 0"), 200);
        expect(command("PROT P"), 200);
        expect(command("TYPE I"), 200);
    }

    /** Sends a command and reads its reply. */
    public Reply command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** Sends a command without waiting for a reply. */
    public void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one (possibly multi-line) reply. */
    public Reply reply() throws IOException {
        String first = line();
        if (first.length() < 4) {
            throw new IOException("not an FTP reply: " + first);
        }
        int code = Integer.parseInt(first.substring(0, 3));
        StringBuilder text = new StringBuilder(first.substring(4));
        if (first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            String l;
            do {
                l = line();
                text.append('\n').append(l);
            } while (!l.startsWith(end));
        }
        return new Reply(code, text.toString());
    }

    /** PASV and a TCP connection to the announced port (TLS starts with {@link DataConnection#handshake()}). */
    public DataConnection passive() throws IOException {
        Reply r = command("PASV");
        expect(r, 227);
        Matcher m = PASV.matcher(r.text());
        if (!m.find()) {
            throw new IOException("cannot parse " + r);
        }
        int port = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
        Socket tcp = new Socket();
        tcp.connect(new InetSocketAddress(host, port), 10_000);
        tcp.setSoTimeout(30_000);
        return new DataConnection(tcp);
    }

    /** Uploads bytes with a clean TLS close and returns the server's final reply (226 when complete). */
    public Reply upload(String command, byte[] data) throws IOException {
        try (DataConnection d = passive()) {
            expect(command(command), 150);
            d.handshake();
            d.output().write(data);
            d.output().flush();
            d.closeCleanly();
        }
        return reply();
    }

    /** Downloads (RETR, LIST) over a protected data connection; returns the bytes and the final reply. */
    public byte[] download(String command) throws IOException {
        try (DataConnection d = passive()) {
            expect(command(command), 150);
            d.handshake();
            byte[] bytes = d.input().readAllBytes();
            d.closeCleanly();
            expect(reply(), 226);
            return bytes;
        }
    }

    /** One passive data connection. */
    public final class DataConnection implements AutoCloseable {
        private final Socket tcp;
        private SSLSocket tls;

        private DataConnection(Socket tcp) {
            this.tcp = tcp;
        }

        /** The client side of the data TLS handshake (the server starts it after answering 150). */
        public void handshake() throws IOException {
            tls = (SSLSocket) tls(tcp, false);
        }

        public OutputStream output() throws IOException {
            return tls.getOutputStream();
        }

        public InputStream input() throws IOException {
            return tls == null ? new ByteArrayInputStream(new byte[0]) : tls.getInputStream();
        }

        /** Sends {@code close_notify}, then closes the TCP connection. */
        public void closeCleanly() throws IOException {
            tls.close();
            tcp.close();
        }

        /** Ends the TCP connection with a FIN and no {@code close_notify}: a killed client. */
        public void cutOff() throws IOException {
            tcp.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            tcp.close();
        }
    }

    private Socket tls(Socket plain, boolean autoClose) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), autoClose);
        s.setUseClientMode(true);
        s.setEnabledProtocols(new String[]{protocol});
        s.startHandshake();
        return s;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("control connection closed; read so far: " + line.toString(StandardCharsets.UTF_8));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private void expect(Reply r, int code) throws IOException {
        if (r.code() != code) {
            throw new IOException("expected " + code + " but got " + r);
        }
    }

    @Override
    public void close() throws IOException {
        control.close();
    }
}
