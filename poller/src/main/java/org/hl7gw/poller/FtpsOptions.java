package org.hl7gw.poller;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@code ftp://} poller uses TLS and trusts the server's certificate.
 *
 * <p>With TLS the poller offers TLS 1.2 only. Servers such as vsftpd require by default that each data
 * connection resume the control connection's TLS session ({@code require_ssl_reuse=YES}); a Java client can
 * only do that over TLS 1.2 (see {@link FtpsSessionReuse}), and a server offered TLS 1.3 would pick it.
 *
 * @param tls none, explicit or implicit
 * @param truststore the certificates to trust: a PEM file (one or more {@code BEGIN CERTIFICATE} blocks: the
 *                   server's own self-signed certificate or its CA) or a PKCS12 file ({@code .p12}/{@code .pfx},
 *                   password in {@link Credentials#withTruststorePassword}). The server's name or IP address as
 *                   written in the URL must match the certificate (subjectAltName).
 * @param insecureTrustAnyCertificate skip certificate and name checks (anyone in the middle can read the
 *                   files); logs a WARN at every run. For first tests only.
 */
public record FtpsOptions(FtpTls tls, Optional<Path> truststore, boolean insecureTrustAnyCertificate) {
    public FtpsOptions {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(truststore, "truststore");
    }

    public static FtpsOptions plain() {
        return new FtpsOptions(FtpTls.NONE, Optional.empty(), false);
    }

    public static FtpsOptions trusting(FtpTls tls, Path truststore) {
        return new FtpsOptions(tls, Optional.of(truststore), false);
    }
}
