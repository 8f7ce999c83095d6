package org.hl7gw.gateway.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.hl7gw.pgp.PgpResult;

/**
 * The plaintext of a received file, streamed. For an encrypted file it is not trustworthy until
 * {@link #finish()} has checked its integrity and signature; callers act on what they read only then.
 */
public interface Payload extends AutoCloseable {

    InputStream stream();

    /**
     * Reads whatever is left, then checks integrity and signature.
     *
     * @return what decryption established, or empty for a plaintext file
     * @throws org.hl7gw.pgp.PgpException when the file is refused (tampered, unsigned, wrong key...)
     */
    Optional<PgpResult> finish() throws IOException;

    @Override
    void close() throws IOException;
}
