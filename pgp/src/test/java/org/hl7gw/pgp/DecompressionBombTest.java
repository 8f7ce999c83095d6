package org.hl7gw.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hl7gw.testkit.gpg.GnuPg.Compression;
import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compression bombs made by the real gpg from zeros streamed into its standard input (nothing large is
 * written to disk). A 64 MiB bomb suffices: the decryptor must stop after about a megabyte of output
 * whatever the size, which the byte counts prove without timing anything.
 */
@ExtendWith(GpgWorld.Extension.class)
class DecompressionBombTest {
    private static final long MiB = 1L << 20;

    private final GpgWorld w;
    @TempDir
    Path tmp;

    DecompressionBombTest(GpgWorld world) {
        this.w = world;
    }

    private Path zeros(long bytes, Compression compression) {
        return w.gpg.encrypt(stdin -> {
            byte[] chunk = new byte[1 << 16];
            for (long left = bytes; left > 0; left -= chunk.length) {
                stdin.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }, tmp.resolve("bomb-" + compression + ".gpg"), Options.create().recipient(w.gatewayEd).signer(w.partnerEd).compression(compression));
    }

    /** Counts what the caller receives. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    @Test
    void refusesBzip2BombByExpansionRatioAfterAboutOneMegabyte() throws IOException {
        Path bomb = zeros(64 * MiB, Compression.BZIP2);
        assertThat(Files.size(bomb)).isLessThan(4096);
        CountingSink sink = new CountingSink();

        Throwable t;
        try (InputStream in = Files.newInputStream(bomb)) {
            t = catchThrowable(() -> w.decryptor(w.gatewayEd, w.partnerEd).decryptTo(in, sink));
        }

        assertThat(t).isInstanceOf(DecompressionBombException.class).hasMessageContaining("maxExpansionRatio");
        DecompressionBombException e = (DecompressionBombException) t;
        assertThat(e.limit()).isEqualTo(DecompressionBombException.Limit.MAX_EXPANSION_RATIO);
        assertThat(e.decompressedBytes()).isLessThan(2 * MiB);
        assertThat(sink.count).isLessThan(2 * MiB);
    }

    @Test
    void refusesOutputBeyondMaxDecompressedBytes() throws IOException {
        Path zlib = zeros(64 * MiB, Compression.ZLIB);
        PgpDecryptor d = PgpDecryptor.builder()
                .decryptionKeys(PgpKeys.readSecretKeys(w.secretKey(w.gatewayEd)), null)
                .signers(PgpKeys.readPublicKeys(w.publicKey(w.partnerEd)))
                .policy(PgpPolicy.defaults().withMaxDecompressedBytes(8 * MiB).withMaxExpansionRatio(1_000_000))
                .build();
        CountingSink sink = new CountingSink();

        Throwable t;
        try (InputStream in = Files.newInputStream(zlib)) {
            t = catchThrowable(() -> d.decryptTo(in, sink));
        }

        assertThat(t).isInstanceOf(DecompressionBombException.class).hasMessageContaining("maxDecompressedBytes");
        assertThat(((DecompressionBombException) t).limit()).isEqualTo(DecompressionBombException.Limit.MAX_DECOMPRESSED_BYTES);
        assertThat(sink.count).isLessThanOrEqualTo(8 * MiB);
    }

    @Test
    void acceptsSmallHighlyCompressibleFileBelowTheRatioFloor() throws IOException {
        Path small = zeros(900 * 1024, Compression.ZLIB);
        CountingSink sink = new CountingSink();

        PgpResult r;
        try (InputStream in = Files.newInputStream(small)) {
            r = w.decryptor(w.gatewayEd, w.partnerEd).decryptTo(in, sink);
        }

        assertThat(sink.count).isEqualTo(900 * 1024);
        assertThat(r.signatureVerified()).isTrue();
    }
}
