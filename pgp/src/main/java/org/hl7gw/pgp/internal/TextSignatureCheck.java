package org.hl7gw.pgp.internal;

import java.io.IOException;
import java.io.OutputStream;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;

/**
 * Verifies a v4 signature of type 0x01 (canonical text, {@code gpg --textmode}) whichever way the signer
 * canonicalized line endings.
 *
 * <p>Pitfall: HL7 ends segments with a lone CR. GnuPG turns only a LF without a CR before it into CRLF and
 * leaves a lone CR alone; Bouncy Castle's verifier turns a lone CR into CRLF as well, so a GnuPG text-mode
 * signature over HL7 fails there. This check hashes the data both ways (GnuPG's, and the strict reading
 * where every CR, LF or CRLF is a line end) and accepts the signature if either matches.
 */
final class TextSignatureCheck {
    private static final int SCRATCH = 32 * 1024;

    private final PGPContentVerifier gnupg;
    private final PGPContentVerifier strict;
    private final OutputStream gnupgOut;
    private final OutputStream strictOut;
    private final byte[] scratch = new byte[2 * SCRATCH];
    private byte gnupgLast;
    private byte strictLast;

    TextSignatureCheck(PGPContentVerifierBuilderProvider verifiers, int keyAlgorithm, int hashAlgorithm, PGPPublicKey key)
            throws PGPException {
        this.gnupg = verifiers.get(keyAlgorithm, hashAlgorithm).build(key);
        this.strict = verifiers.get(keyAlgorithm, hashAlgorithm).build(key);
        this.gnupgOut = gnupg.getOutputStream();
        this.strictOut = strict.getOutputStream();
    }

    void update(byte[] b, int off, int len) {
        try {
            for (int start = off, end = off + len; start < end; start += SCRATCH) {
                int stop = Math.min(end, start + SCRATCH);
                gnupgOut.write(scratch, 0, gnupg(b, start, stop));
                strictOut.write(scratch, 0, strict(b, start, stop));
            }
        } catch (IOException e) {
            throw new IllegalStateException("hashing failed: " + e.getMessage(), e);
        }
    }

    /** GnuPG: a LF not preceded by CR becomes CRLF; everything else is hashed as is. */
    private int gnupg(byte[] b, int from, int to) {
        int n = 0;
        byte last = gnupgLast;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\n' && last != '\r') {
                scratch[n++] = '\r';
            }
            scratch[n++] = c;
            last = c;
        }
        gnupgLast = last;
        return n;
    }

    /** Strict: CR, LF and CRLF all become CRLF. */
    private int strict(byte[] b, int from, int to) {
        int n = 0;
        byte last = strictLast;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\r') {
                scratch[n++] = '\r';
                scratch[n++] = '\n';
            } else if (c == '\n') {
                if (last != '\r') {
                    scratch[n++] = '\r';
                    scratch[n++] = '\n';
                }
            } else {
                scratch[n++] = c;
            }
            last = c;
        }
        strictLast = last;
        return n;
    }

    boolean verify(PGPSignature signature) throws PGPException {
        return finish(gnupg, gnupgOut, signature) | finish(strict, strictOut, signature);
    }

    private static boolean finish(PGPContentVerifier verifier, OutputStream out, PGPSignature signature) throws PGPException {
        try {
            out.write(signature.getSignatureTrailer());
            out.close();
        } catch (IOException e) {
            throw new PGPException("cannot hash the signature trailer: " + e.getMessage(), e);
        }
        return verifier.verify(signature.getSignature());
    }
}
