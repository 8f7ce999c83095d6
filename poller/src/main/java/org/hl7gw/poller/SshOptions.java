package org.hl7gw.poller;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an {@code sftp://} poller trusts the server and which algorithms it accepts.
 *
 * @param hostKey the server's host key fingerprint as OpenSSH prints it ({@code ssh-keygen -lf KEY.pub}, or
 *                {@code ssh-keyscan HOST | ssh-keygen -lf -}): {@code SHA256:} and 43 base64 characters. Required
 *                unless {@code insecureAcceptAnyHostKey}.
 * @param insecureAcceptAnyHostKey accept whatever key the server presents (anyone in the middle can read the
 *                files); logs a WARN at every run. For first tests only.
 * @param legacyAlgorithms also accept what old servers still offer: {@code ssh-rsa} (SHA-1) host keys and
 *                signatures, {@code diffie-hellman-group14-sha1} and {@code diffie-hellman-group-exchange-sha1}
 *                key exchange, CBC ciphers and HMAC-SHA1. Off by default; {@code diffie-hellman-group1-sha1}
 *                and DSA are never offered.
 */
public record SshOptions(Optional<String> hostKey, boolean insecureAcceptAnyHostKey, boolean legacyAlgorithms) {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    public SshOptions {
        Objects.requireNonNull(hostKey, "hostKey");
        hostKey.ifPresent(k -> {
            if (!FINGERPRINT.matcher(k).matches()) {
                throw new IllegalArgumentException("'" + k + "' is not an OpenSSH SHA-256 fingerprint: write SHA256: and 43 base64 characters,"
                        + " as ssh-keygen -lf prints it");
            }
        });
    }

    /** Pins a host key; modern algorithms only. */
    public static SshOptions pinned(String fingerprint) {
        return new SshOptions(Optional.of(fingerprint), false, false);
    }

    /** No host key given and no insecure mode: {@link PollerSettings} refuses it for an sftp:// poller. */
    public static SshOptions none() {
        return new SshOptions(Optional.empty(), false, false);
    }

    public SshOptions withLegacyAlgorithms(boolean legacy) {
        return new SshOptions(hostKey, insecureAcceptAnyHostKey, legacy);
    }
}
