package org.hl7gw.gateway.intake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.hl7gw.pgp.EncryptionRequiredException;
import org.hl7gw.pgp.PayloadKind;
import org.hl7gw.pgp.PgpDecryptor;
import org.hl7gw.pgp.PgpDetector;
import org.hl7gw.pgp.PgpResult;
import org.hl7gw.pgp.PgpStream;

/**
 * Opens a received file as plaintext: decrypts and verifies OpenPGP files (recognised by their content, never
 * their name) with the source's keys and policy, passes plaintext through unless the source must encrypt.
 */
public final class PayloadOpener {
    private final Optional<PgpDecryptor> decryptor;
    private final boolean requireEncryption;

    public PayloadOpener(Optional<PgpDecryptor> decryptor, boolean requireEncryption) {
        this.decryptor = decryptor;
        this.requireEncryption = requireEncryption;
    }

    /** Plaintext only; OpenPGP files are refused as "no decryption key configured". */
    public static PayloadOpener plaintextOnly() {
        return new PayloadOpener(Optional.empty(), false);
    }

    public boolean decrypts() {
        return decryptor.isPresent();
    }

    public Payload open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        PayloadKind kind = PgpDetector.detect(in);
        if (kind == PayloadKind.PLAINTEXT) {
            if (requireEncryption) {
                throw new EncryptionRequiredException("the file is not OpenPGP-encrypted, and this source is configured to send encrypted files only");
            }
            return new Plain(in);
        }
        if (decryptor.isEmpty()) {
            throw new NoDecryptionKeyException();
        }
        return new Decrypted(decryptor.get().open(in));
    }

    /** An OpenPGP file arrived from a source with no decryption key configured. */
    public static final class NoDecryptionKeyException extends org.hl7gw.core.GatewayException {
        private static final long serialVersionUID = 1L;

        NoDecryptionKeyException() {
            super("the file is OpenPGP-encrypted, but no decryption key is configured for its source");
        }
    }

    private record Plain(InputStream stream) implements Payload {
        @Override
        public Optional<PgpResult> finish() throws IOException {
            stream.transferTo(java.io.OutputStream.nullOutputStream());
            return Optional.empty();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    private record Decrypted(PgpStream stream) implements Payload {
        @Override
        public Optional<PgpResult> finish() throws IOException {
            return Optional.of(stream.verify());
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
