package org.hl7gw.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hl7gw.core.Secret;
import org.hl7gw.mllp.Destination;
import org.hl7gw.mllp.HaltPolicy;
import org.hl7gw.mllp.RetryPolicy;
import org.hl7gw.mllp.connection.MllpEndpoint;
import org.hl7gw.mllp.connection.TlsSettings;
import picocli.CommandLine.Option;

/** Where and how to deliver: shared by {@code send} and {@code rerun}. */
public final class DeliveryOptions {

    @Option(names = "--to", paramLabel = "URL", description = "The receiver: mllp://HOST:PORT, or mllps://HOST:PORT for MLLP over TLS.")
    String to;

    @Option(names = "--ack-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for each ACK (default ${DEFAULT-VALUE}); durations take ms, s, m or h.")
    Duration ackTimeout = Duration.ofSeconds(30);

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the connection and TLS handshake (default ${DEFAULT-VALUE}).")
    Duration connectTimeout = Duration.ofSeconds(10);

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "5",
            description = "Attempts per message before it is FAILED (default ${DEFAULT-VALUE}).")
    int maxAttempts = 5;

    @Option(names = "--backoff", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Wait before the first retry; doubles each retry (default ${DEFAULT-VALUE}).")
    Duration backoff = Duration.ofSeconds(1);

    @Option(names = "--backoff-multiplier", paramLabel = "X", defaultValue = "2.0",
            description = "Factor between successive retry waits (default ${DEFAULT-VALUE}).")
    double multiplier = 2.0;

    @Option(names = "--max-backoff", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest wait between retries (default ${DEFAULT-VALUE}).")
    Duration maxBackoff = Duration.ofSeconds(60);

    @Option(names = "--on-reject", paramLabel = "continue|halt", defaultValue = "continue",
            description = "After a message is REJECTED (AR/CR): continue with the next (default) or halt the lane.")
    HaltPolicy onReject = HaltPolicy.CONTINUE;

    @Option(names = "--on-failure", paramLabel = "continue|halt", defaultValue = "halt",
            description = "After a message FAILED (all attempts used): halt the lane (default: the receiver is down, order matters) or continue.")
    HaltPolicy onFailure = HaltPolicy.HALT;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "For mllps://: CA or server certificates the receiver's certificate must chain to (PEM or PKCS12).")
    Path truststore;

    @Option(names = "--keystore", paramLabel = "FILE", description = "For mllps:// with mutual TLS: the gateway's client certificate and key (PKCS12).")
    Path keystore;

    @Option(names = "--keystore-password-env", paramLabel = "VAR", description = "Environment variable holding the keystore password.")
    String keystorePasswordEnv;

    @Option(names = "--keystore-password-file", paramLabel = "FILE", description = "File holding the keystore password (first line).")
    Path keystorePasswordFile;

    @Option(names = "--no-hostname-verification", description = "For mllps://: do not check that the certificate names the host (not recommended).")
    boolean noHostnameVerification;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "When the service already sends to this destination, how long to wait for it to deliver (default ${DEFAULT-VALUE}).")
    Duration handOffWait = Duration.ofHours(1);

    public Optional<String> url() {
        return Optional.ofNullable(to);
    }

    /** The destination for a URL; its id names the URL ({@code mllp_host_port}, see {@link UrlDestinationId}). */
    public Destination destination(String url) {
        MllpEndpoint endpoint;
        try {
            endpoint = MllpEndpoint.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--to: " + e.getMessage());
        }
        Destination d;
        try {
            d = Destination.of(UrlDestinationId.of(endpoint), endpoint)
                    .withAckTimeout(ackTimeout)
                    .withConnectTimeout(connectTimeout)
                    .withRetry(new RetryPolicy(maxAttempts, backoff, multiplier, maxBackoff))
                    .withOnReject(onReject)
                    .withOnFailure(onFailure);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (endpoint.tls()) {
            if (truststore == null) {
                throw new UsageException("an mllps:// destination needs --truststore FILE (the CA or server certificate to trust)");
            }
            requireFile("--truststore", truststore);
            TlsSettings tls = TlsSettings.trusting(truststore).withHostnameVerification(!noHostnameVerification);
            if (keystore != null) {
                requireFile("--keystore", keystore);
                tls = tls.withClientCertificate(keystore, keystorePassword().map(Secret::read).orElse(new char[0]));
            }
            d = d.withTls(tls);
        } else if (truststore != null || keystore != null) {
            throw new UsageException("--truststore and --keystore need an mllps:// destination");
        }
        return d;
    }

    private Optional<Secret> keystorePassword() {
        if (keystorePasswordEnv != null && keystorePasswordFile != null) {
            throw new UsageException("give --keystore-password-env or --keystore-password-file, not both");
        }
        if (keystorePasswordEnv != null) {
            return Optional.of(Secret.env(keystorePasswordEnv));
        }
        return Optional.ofNullable(keystorePasswordFile).map(Secret::file);
    }

    public Duration handOffWait() {
        return handOffWait;
    }

    static void requireFile(String option, Path p) {
        if (!Files.isRegularFile(p)) {
            throw new UsageException(option + ": no such file: " + p);
        }
    }
}
