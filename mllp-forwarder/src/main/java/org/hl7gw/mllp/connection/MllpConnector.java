package org.hl7gw.mllp.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.hl7gw.mllp.frame.EndOfData;

/**
 * Opens {@link MllpConnection}s to one endpoint. Built once per destination: the TLS context is set up here,
 * so a bad truststore or keystore fails when the gateway starts, not at the first message.
 *
 * <p>Owns a watchdog thread (started with the first connection) that enforces the exchanges' deadlines;
 * {@link #close()} stops it, and a later {@link #connect()} starts it again. Thread-safe.
 */
public final class MllpConnector implements AutoCloseable {
    private final MllpEndpoint endpoint;
    private final SSLSocketFactory tls;
    private final boolean hostnameVerification;
    private final Duration connectTimeout;
    private final int maxAckLength;
    private final EndOfData endOfData;
    private final ExchangeWatchdog watchdog;

    /**
     * @param endpoint where to connect
     * @param tlsSettings for {@code mllps://}: what to trust and which client certificate to show; when empty,
     *     an {@code mllps://} endpoint is checked against the JDK's default trust with host name verification
     * @param connectTimeout bounds the TCP connect and, separately, the TLS handshake
     * @param maxAckLength longest acknowledgement frame accepted
     * @param endOfData whether a peer must end frames with END_OF_DATA
     * @throws org.hl7gw.core.ConfigurationException when the TLS material cannot be read
     * @throws IllegalArgumentException when TLS settings are given for a plain endpoint
     */
    public MllpConnector(MllpEndpoint endpoint, Optional<TlsSettings> tlsSettings, Duration connectTimeout, int maxAckLength, EndOfData endOfData) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tlsSettings, "tlsSettings");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.endOfData = Objects.requireNonNull(endOfData, "endOfData");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (maxAckLength < 1) {
            throw new IllegalArgumentException("maxAckLength must be positive");
        }
        this.maxAckLength = maxAckLength;
        if (tlsSettings.isPresent() && !endpoint.tls()) {
            throw new IllegalArgumentException("TLS settings were given for " + endpoint + ", which is plain MLLP: write mllps://");
        }
        if (endpoint.tls()) {
            SSLContext context = tlsSettings.map(TlsContexts::create).orElseGet(TlsContexts::systemDefault);
            this.tls = context.getSocketFactory();
            this.hostnameVerification = tlsSettings.map(TlsSettings::hostnameVerification).orElse(true);
        } else {
            this.tls = null;
            this.hostnameVerification = false;
        }
        this.watchdog = new ExchangeWatchdog("mllp-watchdog-" + endpoint.host() + ":" + endpoint.port());
    }

    public MllpEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Connects (TCP_NODELAY and SO_KEEPALIVE on) and, for {@code mllps://}, completes the TLS handshake.
     *
     * @throws ConnectionFailedException when the connect or the handshake fails or passes the connect timeout
     */
    public MllpConnection connect() {
        Socket raw = new Socket();
        String step = "connect to";
        try {
            raw.setTcpNoDelay(true);
            raw.setKeepAlive(true);
            int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis()));
            raw.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeout);
            Socket socket = raw;
            String protocol = "TCP";
            if (tls != null) {
                step = "TLS handshake with";
                SSLSocket ssl = (SSLSocket) tls.createSocket(raw, endpoint.host(), endpoint.port(), true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setProtocols(TlsSettings.PROTOCOLS.toArray(String[]::new));
                if (hostnameVerification) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (!isIpLiteral(endpoint.host())) {
                    parameters.setServerNames(List.of(new SNIHostName(endpoint.host())));
                }
                ssl.setSSLParameters(parameters);
                ssl.setSoTimeout(timeout); // bounds the handshake; exchanges are bounded by the watchdog
                ssl.startHandshake();
                ssl.setSoTimeout(0);
                socket = ssl;
                protocol = ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite();
            }
            MllpConnection connection = new MllpConnection(endpoint, socket, protocol, maxAckLength, endOfData, watchdog);
            watchdog.register(connection);
            return connection;
        } catch (IOException | RuntimeException e) {
            try {
                raw.close();
            } catch (IOException ignored) {
                // already failing
            }
            if (e instanceof RuntimeException r && !(e instanceof IllegalArgumentException)) {
                throw r;
            }
            throw new ConnectionFailedException(endpoint, step, e);
        }
    }

    /** Stops the watchdog thread; close the connections first. */
    @Override
    public void close() {
        watchdog.close();
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
