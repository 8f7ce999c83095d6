package org.hl7gw.ftps.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.apache.ftpserver.ssl.ClientAuth;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.ftps.TlsProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS configuration, for the control connection (MINA's SSL filter, explicit or implicit) and
 * the data connections (JDK sockets made by {@link CloseNotifyRequiringSocketFactory}).
 *
 * <p>Only the configured versions of TLS 1.3 and 1.2 are offered; under TLS 1.2 only ECDHE key exchange with
 * AEAD ciphers (AES-GCM, ChaCha20-Poly1305). The key and chain live in an in-memory key store only.
 *
 * <p>Pitfall: after every TLS 1.3 handshake the JDK server sends a NewSessionTicket. An uploading client
 * (curl, lftp) only writes on the data connection and never reads that ticket; when it closes the socket with
 * the ticket unread, the kernel sends a TCP RST instead of a FIN and drops whatever of the upload still sat in
 * its send buffer. The server then sees "Connection reset" and, even without our {@code close_notify} check, a
 * large upload fails (curl: "server did not report OK, got 426") or, worse, ends short. The JDK 17 sends no
 * ticket when the server session timeout exceeds the 7-day ticket lifetime limit, so the session timeout is
 * set to 8 days. Clients then make a full handshake for each data connection (this server does not require
 * TLS session reuse between control and data connections), and TLS 1.2 session-ID resumption still works.
 */
public final class ServerTls implements SslConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    /**
     * Eight days: longer than the 7-day ticket lifetime limit, so the JDK sends no TLS 1.3 NewSessionTicket
     * (nor TLS 1.2 stateless tickets). See the class comment.
     */
    static final int NO_TICKETS_SESSION_TIMEOUT_SECONDS = 8 * 24 * 3600;
    private static final int SESSION_CACHE_SIZE = 1000;

    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final SSLSocketFactory dataSockets;

    private ServerTls(SSLContext context, String[] protocols, String[] cipherSuites) {
        this.context = context;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.dataSockets = new CloseNotifyRequiringSocketFactory(context.getSocketFactory());
    }

    /** Builds the TLS configuration from the PEM files; {@link ConfigurationException} on any problem. */
    public static ServerTls create(PemFiles.KeyAndChain keyAndChain, Set<TlsProtocol> offered) {
        try {
            char[] password = new char[24];
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) ('a' + random.nextInt(26));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keyAndChain.key(), password, keyAndChain.chain().toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            Arrays.fill(password, '\0');
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, random);
            context.getServerSessionContext().setSessionTimeout(NO_TICKETS_SESSION_TIMEOUT_SECONDS);
            context.getServerSessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);

            List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
            List<String> protocols = new ArrayList<>();
            for (TlsProtocol p : TlsProtocol.values()) {
                if (offered.contains(p) && supported.contains(p.jsseName())) {
                    protocols.add(p.jsseName());
                }
            }
            if (protocols.isEmpty()) {
                throw new ConfigurationException("protocols", "this JVM supports none of " + offered);
            }
            warnAboutValidity(keyAndChain);
            return new ServerTls(context, protocols.toArray(new String[0]), cipherSuites(context));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ConfigurationException("tls", "cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    private static String[] cipherSuites(SSLContext context) {
        List<String> chosen = new ArrayList<>();
        for (String suite : context.getDefaultSSLParameters().getCipherSuites()) {
            boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
            boolean tls12Aead = suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("_CHACHA20_"));
            if (tls13 || tls12Aead) {
                chosen.add(suite);
            }
        }
        return chosen.toArray(new String[0]);
    }

    private static void warnAboutValidity(PemFiles.KeyAndChain keyAndChain) {
        Instant notAfter = keyAndChain.leaf().getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now())) {
            LOG.warn("the FTPS server certificate {} expired on {}: clients that check certificates will refuse it",
                    keyAndChain.leaf().getSubjectX500Principal().getName(), notAfter);
        }
    }

    @Override
    public SSLSocketFactory getSocketFactory() {
        return dataSockets;
    }

    @Override
    public SSLContext getSSLContext() {
        return context;
    }

    @Override
    public SSLContext getSSLContext(String protocol) {
        return context;
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return cipherSuites.clone();
    }

    @Override
    public String getEnabledProtocol() {
        return protocols[0];
    }

    @Override
    public String[] getEnabledProtocols() {
        return protocols.clone();
    }

    @Override
    public ClientAuth getClientAuth() {
        return ClientAuth.NONE;
    }
}
