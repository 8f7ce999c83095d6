package org.hl7gw.pgp;

import java.io.IOException;
import java.io.InputStream;

import org.hl7gw.pgp.internal.OpenedMessage;

/**
 * The plaintext of a message, streamed: memory stays bounded whatever the size of the file.
 *
 * <p><b>The plaintext is not trustworthy until {@link #verify()} returns.</b> The integrity check (MDC or
 * AEAD) and the signature can only be checked once all data has been read, so a caller must stage what it
 * reads (a temporary file) and act on it only after {@code verify()} (or {@code close()} at the end of the
 * data, then {@link #result()}) succeeds. Reading past a decompression limit throws
 * {@link DecompressionBombException} at once.
 *
 * <p>Errors are thrown as {@link PgpException}s (unchecked) from {@code read}, {@code verify} and
 * {@code close}; an {@link IOException} means the underlying stream itself failed.
 */
public final class PgpStream extends InputStream {
    private final OpenedMessage message;
    private final byte[] single = new byte[1];
    private PgpResult result;
    private RuntimeException failure;
    private boolean eof;
    private boolean closed;

    PgpStream(OpenedMessage message) {
        this.message = message;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the plaintext stream is closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        try {
            int n = message.read(b, off, len);
            if (n < 0) {
                eof = true;
            }
            return n;
        } catch (RuntimeException e) {
            failure = e;
            message.close();
            throw e;
        }
    }

    /**
     * Reads whatever plaintext is left (discarding it), then checks the integrity protection and the
     * signature policy. Idempotent: later calls return the same result or throw the same exception.
     *
     * @throws IntegrityException   the MDC or AEAD check failed, or there is no integrity protection
     * @throws SignatureException   the signature is bad, missing, by an unknown, expired or revoked key
     * @throws CorruptDataException the data is malformed or truncated
     * @throws IOException          the underlying stream failed
     */
    public PgpResult verify() throws IOException {
        if (result != null) {
            return result;
        }
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IllegalStateException("the plaintext stream was closed before its end; nothing was verified");
        }
        try {
            result = message.finish();
            eof = true;
            return result;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            message.close();
        }
    }

    /**
     * The result of a successful {@link #verify()} (or of {@link #close()} after reading to the end).
     *
     * @throws PgpException           the failure that verification found
     * @throws IllegalStateException when nothing was verified yet
     */
    public PgpResult result() {
        if (result != null) {
            return result;
        }
        if (failure != null) {
            throw failure;
        }
        throw new IllegalStateException("not verified: read the plaintext to its end, then call verify() or close()");
    }

    /**
     * Closes the stream. After the plaintext was read to its end this verifies it (and throws what
     * {@link #verify()} throws); closed before the end, it only releases resources.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (eof && result == null && failure == null) {
                verify();
            }
        } finally {
            closed = true;
            message.close();
        }
    }
}
