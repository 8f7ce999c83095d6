package org.hl7gw.poller.ftp;

import java.io.BufferedInputStream;
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
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.hl7gw.core.ConfigurationException;

/** Reads the certificates an FTPS poller trusts: PEM (one or more certificates) or PKCS12. */
final class TrustStores {
    private TrustStores() {
    }

    static X509TrustManager load(Path file, Optional<char[]> password, String key) {
        try {
            KeyStore store = isPem(file) ? fromPem(file) : fromPkcs12(file, password);
            if (store.size() == 0) {
                throw new ConfigurationException(key, file + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new ConfigurationException(key, "no X.509 trust manager for " + file);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(key, "cannot read truststore " + file + " (PEM certificates or PKCS12): " + e.getMessage(), e);
        } finally {
            password.ifPresent(p -> Arrays.fill(p, '\0'));
        }
    }

    private static boolean isPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            return new String(head, StandardCharsets.ISO_8859_1).contains("-----BEGIN");
        }
    }

    private static KeyStore fromPem(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
        }
        return store;
    }

    private static KeyStore fromPkcs12(Path file, Optional<char[]> password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.orElse(null));
        }
        return store;
    }
}
