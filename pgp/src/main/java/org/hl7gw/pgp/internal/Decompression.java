package org.hl7gw.pgp.internal;

import java.io.IOException;
import java.io.InputStream;

import org.bouncycastle.apache.bzip2.CBZip2InputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.hl7gw.pgp.UnsupportedPgpException;

/** Opens the decompressing stream of a compressed data packet. */
final class Decompression {
    private Decompression() {
    }

    static InputStream open(PGPCompressedData data) throws IOException {
        InputStream raw = data.getInputStream();
        return switch (data.getAlgorithm()) {
            case CompressionAlgorithmTags.UNCOMPRESSED -> raw;
            case CompressionAlgorithmTags.ZIP -> new InflaterStream(raw, true);
            case CompressionAlgorithmTags.ZLIB -> new InflaterStream(raw, false);
            case CompressionAlgorithmTags.BZIP2 -> new CBZip2InputStream(raw);
            default -> throw new UnsupportedPgpException("unsupported compression algorithm " + data.getAlgorithm());
        };
    }
}
