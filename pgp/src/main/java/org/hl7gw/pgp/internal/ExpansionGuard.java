package org.hl7gw.pgp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.hl7gw.core.ByteSizes;
import org.hl7gw.pgp.DecompressionBombException;
import org.hl7gw.pgp.PgpPolicy;

/**
 * Counts what a decompressor produces and stops at the policy's limits: a total, and a ratio of output to
 * input bytes read from the source (enforced above {@link PgpPolicy#RATIO_FLOOR_BYTES}). Several
 * compression layers share one {@link Budget}.
 */
final class ExpansionGuard extends FilterInputStream {

    /** The decompressed-byte count shared by all layers of one message. */
    static final class Budget {
        private final PgpPolicy policy;
        private final SourceInputStream source;
        private long produced;

        Budget(PgpPolicy policy, SourceInputStream source) {
            this.policy = policy;
            this.source = source;
        }

        long produced() {
            return produced;
        }

        void add(long n) {
            produced += n;
            if (produced > policy.maxDecompressedBytes()) {
                throw new DecompressionBombException("decompression produced more than the limit of "
                        + ByteSizes.format(policy.maxDecompressedBytes()) + " (maxDecompressedBytes) from "
                        + ByteSizes.format(source.count()) + " of input; refused as a decompression bomb",
                        DecompressionBombException.Limit.MAX_DECOMPRESSED_BYTES, produced, source.count());
            }
            if (produced > PgpPolicy.RATIO_FLOOR_BYTES) {
                long in = Math.max(1, source.count());
                if (produced > in * (long) policy.maxExpansionRatio()) {
                    throw new DecompressionBombException("decompression produced " + ByteSizes.format(produced) + " from "
                            + ByteSizes.format(in) + " of input, more than " + policy.maxExpansionRatio()
                            + " times as much (maxExpansionRatio); refused as a decompression bomb",
                            DecompressionBombException.Limit.MAX_EXPANSION_RATIO, produced, in);
                }
            }
        }
    }

    private final Budget budget;

    ExpansionGuard(InputStream decompressed, Budget budget) {
        super(decompressed);
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            budget.add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            budget.add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipping would decompress without counting: read instead
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(0, n))];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
