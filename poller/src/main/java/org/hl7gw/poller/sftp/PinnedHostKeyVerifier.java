package org.hl7gw.poller.sftp;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Accepts the server's host key only when its SHA-256 fingerprint is the pinned one (or, in insecure mode, any
 * key), and remembers what the server presented so that a refusal can name both fingerprints.
 */
final class PinnedHostKeyVerifier implements ServerKeyVerifier {
    private final Optional<String> expected;
    private final AtomicReference<String> presented = new AtomicReference<>();

    /** @param expected the pinned fingerprint; empty to accept any key (insecure mode) */
    PinnedHostKeyVerifier(Optional<String> expected) {
        this.expected = expected;
    }

    /** {@code SHA256:} and unpadded base64, as {@code ssh-keygen -lf} prints it. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String actual = fingerprint(serverKey);
        presented.set(actual);
        return expected.map(actual::equals).orElse(true);
    }

    /** The fingerprint the server presented, once it did. */
    Optional<String> presented() {
        return Optional.ofNullable(presented.get());
    }

    /** The presented fingerprint when it was refused. */
    Optional<String> rejected() {
        String actual = presented.get();
        return actual != null && expected.isPresent() && !expected.get().equals(actual) ? Optional.of(actual) : Optional.empty();
    }
}
