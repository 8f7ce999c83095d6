package org.hl7gw.pgp.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.PacketTags;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSignature;
import org.hl7gw.core.ByteSizes;
import org.hl7gw.pgp.CorruptDataException;
import org.hl7gw.pgp.IntegrityException;
import org.hl7gw.pgp.IntegrityProtection;
import org.hl7gw.pgp.PgpException;
import org.hl7gw.pgp.PgpPolicy;
import org.hl7gw.pgp.PgpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message opened down to its literal data: streams the plaintext (hashing it for the signatures and
 * counting it against the decompression limits), then checks the integrity and the signatures.
 *
 * <p>Every failure leaves as a {@link PgpException} (or the caller's own {@link IOException} when its
 * stream fails): Bouncy Castle's exceptions are translated here.
 */
public final class OpenedMessage implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenedMessage.class);

    final SourceInputStream source;
    final ExpansionGuard.Budget budget;
    final List<String> warnings = new ArrayList<>();
    final List<Integer> compressions = new ArrayList<>();
    /** Layers from the outermost (top-level or decrypted) to the innermost (holding the literal data). */
    final List<BCPGInputStream> layers = new ArrayList<>();
    final List<Closeable> closeables = new ArrayList<>();

    BCPGInputStream top;
    PGPPublicKeyEncryptedData encrypted;
    DecryptionKeys.Entry recipient;
    IntegrityProtection integrity = IntegrityProtection.NOT_ENCRYPTED;
    int symmetricAlgorithm = -1;
    int aeadAlgorithm = -1;
    InputStream clear;
    BCPGInputStream innermost;
    InputStream literal;
    SignatureVerification signatures;
    /** Checks the MDC once the encrypted data has been read (SEIPD v1 only). */
    MdcCheck mdc;

    /** The MDC check of a SEIPD v1 packet: true when it matches. */
    interface MdcCheck {
        boolean verify() throws IOException, PGPException;
    }

    private long plaintextBytes;
    private boolean eof;
    private boolean mdcChecked;
    private boolean closed;

    OpenedMessage(SourceInputStream source, PgpPolicy policy) {
        this.source = source;
        this.budget = new ExpansionGuard.Budget(policy, source);
    }

    /** Reads plaintext; -1 at its end. */
    public int read(byte[] b, int off, int len) throws IOException {
        if (eof) {
            return -1;
        }
        try {
            int n = literal.read(b, off, len);
            if (n > 0) {
                signatures.update(b, off, n);
                plaintextBytes += n;
            } else if (n < 0) {
                eof = true;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Reads what is left of the plaintext (discarding it), the signature packets and the end of every
     * layer, then checks the integrity protection and the signatures.
     */
    public PgpResult finish() throws IOException {
        try {
            byte[] scratch = new byte[64 * 1024];
            while (read(scratch, 0, scratch.length) >= 0) {
                // drained: counted, hashed, limited like any other read
            }
            List<PGPSignature> trailing = innermost == null ? List.of() : readTrailingSignatures();
            for (int i = layers.size() - 2; i >= 0; i--) {
                expectEnd(layers.get(i), "after the compressed data");
            }
            checkIntegrity();
            if (top != null && top != layers.get(0)) {
                expectEnd(top, "after the encrypted data");
            }
            SignatureVerification.Outcome outcome = signatures.finish(trailing);
            List<String> allWarnings = new ArrayList<>(warnings);
            allWarnings.addAll(outcome.warnings());
            return new PgpResult(encrypted != null,
                    Optional.ofNullable(recipient).map(DecryptionKeys.Entry::ref),
                    symmetricAlgorithm < 0 ? Optional.empty() : Optional.of(Algorithms.symmetric(symmetricAlgorithm)),
                    integrity,
                    aeadAlgorithm < 0 ? Optional.empty() : Optional.of(Algorithms.aead(aeadAlgorithm)),
                    compressionName(), outcome.status(), outcome.signer(), outcome.hashAlgorithm(), plaintextBytes, allWarnings);
        } catch (IOException | PGPException | RuntimeException e) {
            throw translate(e);
        }
    }

    private List<PGPSignature> readTrailingSignatures() throws IOException, PGPException {
        List<PGPSignature> result = new ArrayList<>();
        while (true) {
            int tag = MessageOpener.skipMarkers(innermost);
            if (tag == -1) {
                return result;
            }
            if (tag != PacketTags.SIGNATURE || result.size() >= signatures.trailingExpected()) {
                throw new CorruptDataException(tag == PacketTags.LITERAL_DATA
                        ? "the message holds more than one literal data packet"
                        : MessageOpener.unexpected(tag, false) + " after the literal data");
            }
            result.add(new PGPSignature(innermost));
        }
    }

    private void expectEnd(BCPGInputStream in, String where) throws IOException {
        int tag = MessageOpener.skipMarkers(in);
        if (tag != -1) {
            throw new CorruptDataException(MessageOpener.unexpected(tag, false) + " " + where);
        }
    }

    private void checkIntegrity() throws IOException {
        if (encrypted == null) {
            return;
        }
        switch (integrity) {
            case MDC -> {
                boolean ok;
                try {
                    mdcChecked = true;
                    ok = mdc.verify();
                } catch (PGPException e) {
                    throw new IntegrityException("the integrity check (MDC) cannot be made: " + e.getMessage(), e);
                }
                if (!ok) {
                    throw new IntegrityException("the integrity check (MDC) failed: the file was modified or damaged after it was encrypted");
                }
            }
            case AEAD -> {
                // the AEAD stream checks each chunk's tag and the final tag when it reaches its end
                byte[] scratch = new byte[8192];
                while (clear.read(scratch) >= 0) {
                    // nothing may follow the message inside the encryption, and draining checks the final tag
                }
            }
            default -> {
                // NONE: allowed by policy, warned about
            }
        }
    }

    String compressionName() {
        if (compressions.isEmpty()) {
            return "none";
        }
        return String.join("+", compressions.stream().map(Algorithms::compression).toList());
    }

    /** Turns whatever went wrong into the gateway's typed exceptions; rethrows the caller's I/O errors. */
    RuntimeException translate(Throwable t) throws IOException {
        PgpException typed = find(t, PgpException.class);
        if (typed != null && !(typed instanceof CorruptDataException)) {
            return typed;
        }
        SourceInputStream.SourceIOException sourceError = find(t, SourceInputStream.SourceIOException.class);
        if (sourceError != null) {
            throw sourceError.original();
        }
        String where = " (after " + ByteSizes.format(source.count()) + " of input)";
        if (typed == null && find(t, EOFException.class) != null && source.atEnd()) {
            return new CorruptDataException("the OpenPGP data ends early: the file is truncated" + where, t);
        }
        if (integrity == IntegrityProtection.AEAD && (find(t, InvalidCipherTextException.class) != null || mentionsTag(t))) {
            return new IntegrityException("the AEAD authentication check failed: the file was modified or damaged after it was encrypted"
                    + where, t);
        }
        if (mdc != null && !mdcChecked && !closed) {
            // a parse error inside the encryption: tell a damaged file (MDC fails) from a sender's garbage
            mdcChecked = true;
            boolean ok;
            try {
                ok = mdc.verify();
            } catch (IOException | PGPException | RuntimeException e) {
                if (find(e, SourceInputStream.SourceIOException.class) != null) {
                    throw find(e, SourceInputStream.SourceIOException.class).original();
                }
                ok = false;
            }
            if (!ok) {
                // the parse error was a symptom; it stays available as the cause
                return new IntegrityException("the integrity check (MDC) failed: the file was modified or damaged after it was encrypted"
                        + where, t);
            }
        }
        if (typed != null) {
            return typed;
        }
        if (t instanceof PGPException || t instanceof IOException) {
            return new CorruptDataException("malformed OpenPGP data: " + describe(t) + where, t);
        }
        LOG.debug("unexpected failure while reading an OpenPGP message", t);
        return new CorruptDataException("malformed OpenPGP data: " + describe(t) + where, t);
    }

    private static boolean mentionsTag(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String msg = c.getMessage();
            if (msg != null && (msg.contains("mac check") || msg.contains("tag mismatch") || msg.contains("Authentication"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null || root instanceof PGPException)) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null || msg.isBlank() ? root.getClass().getSimpleName() : msg;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** Releases the inflaters and the caller's stream. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (signatures != null) {
            signatures.stop();
        }
        for (Closeable c : closeables) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // releasing only
            }
        }
        try {
            source.close();
        } catch (IOException e) {
            LOG.debug("closing the input failed: {}", e.toString());
        }
    }
}
