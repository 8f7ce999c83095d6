package org.hl7gw.pgp;

import java.util.Objects;

/**
 * What the decryptor accepts.
 *
 * @param signatures           signature policy; {@link PgpDecryptor.Builder} defaults it to REQUIRED when signer
 *                             keys are configured and to NONE when none are
 * @param allowUnprotected     accept encrypted data without integrity protection (an old SED packet, no MDC
 *                             and no AEAD); the result then carries a warning. Default false
 * @param maxDecompressedBytes most bytes decompression may produce; default 4 GiB
 * @param maxExpansionRatio    most decompressed bytes per input byte read so far; enforced once
 *                             {@link #RATIO_FLOOR_BYTES} have been decompressed so that small files with a
 *                             high ratio (a few KB of zeros) pass. Default 1000
 * @param requireEncryption    refuse plaintext and signed-but-unencrypted payloads; default true
 */
public record PgpPolicy(SignaturePolicy signatures, boolean allowUnprotected, long maxDecompressedBytes,
                        int maxExpansionRatio, boolean requireEncryption) {

    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 4L << 30;
    public static final int DEFAULT_MAX_EXPANSION_RATIO = 1000;
    /** The expansion ratio is only enforced once this many bytes (1 MiB) have been decompressed. */
    public static final long RATIO_FLOOR_BYTES = 1L << 20;

    public PgpPolicy {
        Objects.requireNonNull(signatures, "signatures");
        if (maxDecompressedBytes < 1) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive, was " + maxDecompressedBytes);
        }
        if (maxExpansionRatio < 1) {
            throw new IllegalArgumentException("maxExpansionRatio must be at least 1, was " + maxExpansionRatio);
        }
    }

    /** The defaults with signatures REQUIRED. */
    public static PgpPolicy defaults() {
        return new PgpPolicy(SignaturePolicy.REQUIRED, false, DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_EXPANSION_RATIO, true);
    }

    public PgpPolicy withSignatures(SignaturePolicy policy) {
        return new PgpPolicy(policy, allowUnprotected, maxDecompressedBytes, maxExpansionRatio, requireEncryption);
    }

    public PgpPolicy withAllowUnprotected(boolean allow) {
        return new PgpPolicy(signatures, allow, maxDecompressedBytes, maxExpansionRatio, requireEncryption);
    }

    public PgpPolicy withMaxDecompressedBytes(long bytes) {
        return new PgpPolicy(signatures, allowUnprotected, bytes, maxExpansionRatio, requireEncryption);
    }

    public PgpPolicy withMaxExpansionRatio(int ratio) {
        return new PgpPolicy(signatures, allowUnprotected, maxDecompressedBytes, ratio, requireEncryption);
    }

    public PgpPolicy withRequireEncryption(boolean require) {
        return new PgpPolicy(signatures, allowUnprotected, maxDecompressedBytes, maxExpansionRatio, require);
    }
}
