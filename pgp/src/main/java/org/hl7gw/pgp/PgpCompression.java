package org.hl7gw.pgp;

import org.bouncycastle.bcpg.CompressionAlgorithmTags;

/** Compression for {@link PgpEncryptor}; GnuPG reads all of them. */
public enum PgpCompression {
    NONE(CompressionAlgorithmTags.UNCOMPRESSED),
    ZIP(CompressionAlgorithmTags.ZIP),
    ZLIB(CompressionAlgorithmTags.ZLIB),
    BZIP2(CompressionAlgorithmTags.BZIP2);

    private final int tag;

    PgpCompression(int tag) {
        this.tag = tag;
    }

    int tag() {
        return tag;
    }
}
