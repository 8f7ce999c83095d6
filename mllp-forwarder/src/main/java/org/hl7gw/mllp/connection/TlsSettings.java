package org.hl7gw.mllp.connection;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to talk TLS to a destination ({@code mllps://}).
 *
 * <p>The truststore holds the certificates to trust (the receiver's CA, or its own certificate): a PEM file of
 * one or more certificates, or a PKCS12 keystore; the kind is detected from the content. The optional
 * client certificate (for mutual TLS) is a PKCS12 keystore holding one private key and its chain. Passwords
 * are read by the caller from an {@link org.hl7gw.core.Secret}; this record keeps its own copies and never
 * prints them. Only TLS 1.3 and 1.2 are offered. Host name verification (the certificate must name the host
 * of the endpoint, as a DNS name or an IP address in its subject alternative names) is on unless turned off.
 *
 * @param truststore PEM or PKCS12 file of trusted certificates
 * @param truststorePassword password of a PKCS12 truststore; may be null (integrity is then not checked)
 * @param clientCertificate keystore for mutual TLS; may be null
 * @param hostnameVerification whether the server's certificate must name the endpoint's host
 */
public record TlsSettings(Path truststore, char[] truststorePassword, ClientCertificate clientCertificate, boolean hostnameVerification) {
    /** The protocols offered, best first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * A client certificate for mutual TLS.
     *
     * @param keystore PKCS12 file with the private key and its certificate chain
     * @param password the keystore's (and key's) password
     */
    public record ClientCertificate(Path keystore, char[] password) {
        public ClientCertificate {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
            password = password.clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return "ClientCertificate[keystore=" + keystore + ", password=***]";
        }
    }

    public TlsSettings {
        Objects.requireNonNull(truststore, "truststore");
        truststorePassword = truststorePassword == null ? null : truststorePassword.clone();
    }

    /** Trusts the certificates in the file; no client certificate; host name verification on. */
    public static TlsSettings trusting(Path truststore) {
        return new TlsSettings(truststore, null, null, true);
    }

    public TlsSettings withTruststorePassword(char[] password) {
        return new TlsSettings(truststore, password, clientCertificate, hostnameVerification);
    }

    public TlsSettings withClientCertificate(Path keystore, char[] password) {
        return new TlsSettings(truststore, truststorePassword, new ClientCertificate(keystore, password), hostnameVerification);
    }

    public TlsSettings withHostnameVerification(boolean on) {
        return new TlsSettings(truststore, truststorePassword, clientCertificate, on);
    }

    @Override
    public char[] truststorePassword() {
        return truststorePassword == null ? null : truststorePassword.clone();
    }

    @Override
    public String toString() {
        return "TlsSettings[truststore=" + truststore + ", truststorePassword=" + (truststorePassword == null ? "none" : "***")
                + ", clientCertificate=" + clientCertificate + ", hostnameVerification=" + hostnameVerification + "]";
    }
}
