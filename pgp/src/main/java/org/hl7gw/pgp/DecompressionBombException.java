package org.hl7gw.pgp;

/**
 * Decompression went past a limit of the {@link PgpPolicy}: more bytes than {@code maxDecompressedBytes}, or
 * more than {@code maxExpansionRatio} plaintext bytes per ciphertext byte read. Thrown as soon as the limit
 * is passed, long before the whole payload would have been expanded.
 */
public final class DecompressionBombException extends PgpException {
    private static final long serialVersionUID = 1L;

    /** Which limit was exceeded. */
    public enum Limit { MAX_DECOMPRESSED_BYTES, MAX_EXPANSION_RATIO }

    private final Limit limit;
    private final long decompressedBytes;
    private final long ciphertextBytes;

    public DecompressionBombException(String message, Limit limit, long decompressedBytes, long ciphertextBytes) {
        super(message);
        this.limit = limit;
        this.decompressedBytes = decompressedBytes;
        this.ciphertextBytes = ciphertextBytes;
    }

    public Limit limit() {
        return limit;
    }

    /** Bytes produced by decompression when the limit tripped. */
    public long decompressedBytes() {
        return decompressedBytes;
    }

    /** Input bytes read when the limit tripped. */
    public long ciphertextBytes() {
        return ciphertextBytes;
    }
}
