package org.hl7gw.pgp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PgpEncryptor#encrypt} wrote.
 *
 * @param recipients     the encryption keys (usually subkeys) the message is encrypted to
 * @param signer         the signing key, when the message is signed
 * @param compression    the compression used
 * @param armored        whether the output is ASCII armor
 * @param plaintextBytes bytes of plaintext read
 */
public record PgpEncryption(List<KeyRef> recipients, Optional<KeyRef> signer, PgpCompression compression, boolean armored,
                            long plaintextBytes) {
    public PgpEncryption {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(compression, "compression");
    }
}
