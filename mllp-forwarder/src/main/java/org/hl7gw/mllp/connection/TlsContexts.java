package org.hl7gw.mllp.connection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.hl7gw.core.ConfigurationException;

/** Builds an {@link SSLContext} from {@link TlsSettings}, failing with the file and the reason. */
final class TlsContexts {
    /** Truststores are small; a bigger file is a wrong path. */
    private static final long MAX_STORE_SIZE = 4L * 1024 * 1024;

    private TlsContexts() {
    }

    static SSLContext create(TlsSettings settings) {
        KeyStore trust = loadTruststore(settings.truststore(), settings.truststorePassword());
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (settings.clientCertificate() != null) {
                kmf = keyManagers(settings.clientCertificate());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("tls", "cannot set up TLS: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The JDK's default trust (its cacerts), for {@code mllps://} without settings. */
    static SSLContext systemDefault() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("tls", "cannot set up TLS with the JDK's default trust: " + e.getMessage(), e);
        }
    }

    static KeyStore loadTruststore(Path file, char[] password) {
        byte[] bytes = read(file, "tls.truststore");
        try {
            String key = "tls.truststore";
            if (looksLikePem(bytes)) {
                Collection<? extends Certificate> certificates;
                try {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
                } catch (GeneralSecurityException e) {
                    throw new ConfigurationException(key, file + " holds PEM text but no readable certificate: " + e.getMessage(), e);
                }
                if (certificates.isEmpty()) {
                    throw new ConfigurationException(key, file + " holds no certificate");
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (Certificate c : certificates) {
                    store.setCertificateEntry("trusted-" + i++, c);
                }
                return store;
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                store.load(in, password);
            } catch (IOException e) {
                throw new ConfigurationException(key, file + " is neither PEM certificates nor a PKCS12 keystore that opens with "
                        + (password == null ? "no password" : "the given password") + ": " + e.getMessage(), e);
            }
            int trusted = 0;
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias) || store.getCertificate(alias) != null) {
                    trusted++;
                }
            }
            if (trusted == 0) {
                throw new ConfigurationException(key, file + " holds no certificate"
                        + (password == null ? " readable without a password (give the truststore's password)" : ""));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("tls.truststore", "cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static KeyManagerFactory keyManagers(TlsSettings.ClientCertificate client) throws GeneralSecurityException {
        byte[] bytes = read(client.keystore(), "tls.clientCertificate");
        char[] password = client.password();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                store.load(in, password);
            } catch (IOException e) {
                throw new ConfigurationException("tls.clientCertificate",
                        client.keystore() + " is not a PKCS12 keystore that opens with the given password: " + e.getMessage(), e);
            }
            boolean hasKey = false;
            for (String alias : java.util.Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new ConfigurationException("tls.clientCertificate", client.keystore() + " holds no private key");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return kmf;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static byte[] read(Path file, String key) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException(key, file + " is not a readable file");
            }
            if (Files.size(file) > MAX_STORE_SIZE) {
                throw new ConfigurationException(key, file + " is larger than " + MAX_STORE_SIZE + " bytes: not a keystore");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException(key, "cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static boolean looksLikePem(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN CERTIFICATE-----");
    }
}
