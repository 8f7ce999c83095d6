package org.hl7gw.pgp.internal;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.hl7gw.pgp.CorruptDataException;
import org.hl7gw.pgp.KeyRef;
import org.hl7gw.pgp.SignatureException;
import org.hl7gw.pgp.SignaturePolicy;
import org.hl7gw.pgp.SignatureStatus;
import org.hl7gw.pgp.UnsupportedPgpException;

/**
 * The signatures of one message: one-pass signatures (their signature packets follow the literal data) or
 * old-style signatures before the literal data. Hashes the plaintext as it streams by, then judges the
 * signatures against the signer keys and the policy.
 */
public final class SignatureVerification {

    /** What the signatures came to. */
    public record Outcome(SignatureStatus status, Optional<KeyRef> signer, Optional<String> hashAlgorithm, List<String> warnings) {
    }

    private interface Pending {
        long keyId();

        SignerKeys.Signer signer();

        void update(byte[] b, int off, int len);

        /** Verifies against the signature packet; for old-style signatures the packet is the header itself. */
        boolean verify(PGPSignature signature) throws PGPException;

        int hashAlgorithm();
    }

    /** A one-pass signature header; its signature packet follows the data. Static: holds no reference to the verification. */
    private record OnePass(PGPOnePassSignature ops, SignerKeys.Signer signer) implements Pending {
        public long keyId() {
            return ops.getKeyID();
        }

        public void update(byte[] b, int off, int len) {
            ops.update(b, off, len);
        }

        public boolean verify(PGPSignature signature) throws PGPException {
            return ops.verify(signature);
        }

        public int hashAlgorithm() {
            return ops.getHashAlgorithm();
        }
    }

    /** A v4 canonical-text signature, checked with both readings of line endings (see {@link TextSignatureCheck}). */
    private record Text(long keyId, int hashAlgorithm, SignerKeys.Signer signer, TextSignatureCheck check, PGPSignature leading)
            implements Pending {
        public void update(byte[] b, int off, int len) {
            check.update(b, off, len);
        }

        public boolean verify(PGPSignature signature) throws PGPException {
            return check.verify(leading != null ? leading : signature);
        }
    }

    /** An old-style signature packet before the data. */
    private record Leading(PGPSignature sig, SignerKeys.Signer signer) implements Pending {
        public long keyId() {
            return sig.getKeyID();
        }

        public void update(byte[] b, int off, int len) {
            sig.update(b, off, len);
        }

        public boolean verify(PGPSignature signature) throws PGPException {
            return sig.verify();
        }

        public int hashAlgorithm() {
            return sig.getHashAlgorithm();
        }
    }

    private final SignerKeys signers;
    private final SignaturePolicy policy;
    private final PGPContentVerifierBuilderProvider verifiers;
    private final List<Pending> onePass = new ArrayList<>();
    private final List<Pending> leading = new ArrayList<>();
    private final List<PGPSignature> leadingPackets = new ArrayList<>();
    private final List<Pending> active = new ArrayList<>();
    /** Hashed on the reading thread before handing over to a background thread: small files never start one. */
    static final long INLINE_BYTES = 4L << 20;
    private long hashedInline;
    private BackgroundHasher background;

    public SignatureVerification(SignerKeys signers, SignaturePolicy policy) {
        this.signers = signers;
        this.policy = policy;
        this.verifiers = Operators.signatureVerifiers();
    }

    public void addOnePass(PGPOnePassSignature ops) {
        SignerKeys.Signer signer = policy == SignaturePolicy.NONE ? null : signers.byKeyId(ops.getKeyID()).orElse(null);
        Pending p = new OnePass(ops, signer);
        if (signer != null) {
            try {
                if (ops.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT && ops.getVersion() == 3) {
                    p = new Text(ops.getKeyID(), ops.getHashAlgorithm(), signer,
                            new TextSignatureCheck(verifiers, ops.getKeyAlgorithm(), ops.getHashAlgorithm(), signer.key()), null);
                } else {
                    ops.init(verifiers, signer.key());
                }
            } catch (PGPException | RuntimeException e) {
                throw new UnsupportedPgpException("cannot verify signatures by " + signer.ref().describe() + ": " + e.getMessage(), e);
            }
        }
        onePass.add(p);
        if (signer != null) {
            active.add(p);
        }
    }

    public void addLeading(PGPSignature sig) {
        SignerKeys.Signer signer = policy == SignaturePolicy.NONE ? null : signers.byKeyId(sig.getKeyID()).orElse(null);
        Pending p = new Leading(sig, signer);
        if (signer != null) {
            try {
                if (sig.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT && sig.getVersion() == 4) {
                    p = new Text(sig.getKeyID(), sig.getHashAlgorithm(), signer,
                            new TextSignatureCheck(verifiers, sig.getKeyAlgorithm(), sig.getHashAlgorithm(), signer.key()), sig);
                } else {
                    sig.init(verifiers, signer.key());
                }
            } catch (PGPException | RuntimeException e) {
                throw new UnsupportedPgpException("cannot verify signatures by " + signer.ref().describe() + ": " + e.getMessage(), e);
            }
        }
        leading.add(p);
        leadingPackets.add(sig);
        if (signer != null) {
            active.add(p);
        }
    }

    public boolean present() {
        return !onePass.isEmpty() || !leading.isEmpty();
    }

    /** Refuses an unsigned message at once when the policy requires a signature. */
    public void checkPresence() {
        if (policy == SignaturePolicy.REQUIRED && !present()) {
            throw new SignatureException(SignatureException.Reason.MISSING,
                    "the message is not signed, and the signature policy requires a signature by one of the signer keys ("
                            + knownKeys() + ")");
        }
    }

    /**
     * Feeds plaintext to every signature being checked: inline for the first {@value #INLINE_BYTES} bytes,
     * then (on a machine with more than one CPU) on a {@link BackgroundHasher} thread.
     */
    public void update(byte[] b, int off, int len) throws InterruptedIOException {
        if (active.isEmpty()) {
            return;
        }
        if (background != null) {
            background.update(b, off, len);
            return;
        }
        hashInline(active, b, off, len);
        hashedInline += len;
        if (hashedInline >= INLINE_BYTES && Runtime.getRuntime().availableProcessors() > 1) {
            List<Pending> targets = List.copyOf(active);
            background = new BackgroundHasher((data, o, n) -> hashInline(targets, data, o, n), this);
        }
    }

    private static void hashInline(List<Pending> targets, byte[] b, int off, int len) {
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).update(b, off, len);
        }
    }

    /** Stops background hashing, if any (the message is being abandoned). */
    public void stop() {
        if (background != null) {
            background.stop();
        }
    }

    /** The number of signature packets expected after the literal data. */
    public int trailingExpected() {
        return onePass.size();
    }

    /**
     * Judges the signatures once the plaintext has been read.
     *
     * @param trailing the signature packets after the literal data (for one-pass signatures)
     * @throws SignatureException when the policy refuses them
     */
    public Outcome finish(List<PGPSignature> trailing) throws InterruptedIOException {
        if (background != null) {
            background.finish();
        }
        if (trailing.size() != onePass.size()) {
            throw new CorruptDataException("the message announces " + onePass.size() + " one-pass signature(s) but carries "
                    + trailing.size() + " signature packet(s) after the data");
        }
        if (!present()) {
            if (policy == SignaturePolicy.REQUIRED) {
                checkPresence();
            }
            return new Outcome(SignatureStatus.NOT_SIGNED, Optional.empty(), Optional.empty(), List.of());
        }
        if (policy == SignaturePolicy.NONE) {
            int hash = !onePass.isEmpty() ? onePass.get(0).hashAlgorithm() : leading.get(0).hashAlgorithm();
            return new Outcome(SignatureStatus.NOT_CHECKED, Optional.empty(), Optional.of(Algorithms.hash(hash)),
                    List.of("the message is signed but signatures are not checked (signature policy NONE)"));
        }
        List<SignatureException> failures = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Outcome verified = null;
        int n = onePass.size();
        for (int i = 0; i < n; i++) {
            // one-pass signatures nest: the last header belongs to the first signature packet
            Pending p = onePass.get(i);
            PGPSignature sig = trailing.get(n - 1 - i);
            Outcome o = judge(p, sig, failures, unknown);
            if (verified == null) {
                verified = o;
            }
        }
        for (int i = 0; i < leading.size(); i++) {
            Outcome o = judge(leading.get(i), leadingPackets.get(i), failures, unknown);
            if (verified == null) {
                verified = o;
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        if (verified == null) {
            throw new SignatureException(SignatureException.Reason.UNKNOWN_SIGNER,
                    "the message is signed by " + String.join(", ", unknown) + ", which is not among the signer keys ("
                            + knownKeys() + ")");
        }
        return verified;
    }

    private Outcome judge(Pending p, PGPSignature sig, List<SignatureException> failures, List<String> unknown) {
        if (sig.getKeyID() != p.keyId()) {
            failures.add(new SignatureException(SignatureException.Reason.BAD, "the one-pass signature header names key "
                    + KeyIds.ox(p.keyId()) + " but the signature packet is by " + KeyIds.ox(sig.getKeyID())));
            return null;
        }
        SignerKeys.Signer signer = p.signer();
        if (signer == null) {
            unknown.add("key " + KeyIds.ox(sig.getKeyID()));
            return null;
        }
        String who = signer.ref().describe();
        int type = sig.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            failures.add(new SignatureException(SignatureException.Reason.BAD,
                    String.format("the signature by %s is of type 0x%02X, not a document signature", who, type)));
            return null;
        }
        if (sig.getHashAlgorithm() == HashAlgorithmTags.MD5) {
            failures.add(new SignatureException(SignatureException.Reason.BAD, "the signature by " + who + " uses MD5, which is refused"));
            return null;
        }
        boolean valid;
        try {
            valid = p.verify(sig);
        } catch (PGPException | RuntimeException e) {
            failures.add(new SignatureException(SignatureException.Reason.BAD,
                    "the signature by " + who + " cannot be verified: " + e.getMessage(), e));
            return null;
        }
        if (!valid) {
            failures.add(new SignatureException(SignatureException.Reason.BAD,
                    "the signature by " + who + " does not match the data: the content or the signature was altered"));
            return null;
        }
        Optional<SignatureException> problem = SignerKeys.keyProblem(signer, sig.getCreationTime().toInstant());
        if (problem.isPresent()) {
            failures.add(problem.get());
            return null;
        }
        List<String> warnings = new ArrayList<>();
        if (Algorithms.isWeakHash(sig.getHashAlgorithm())) {
            warnings.add("the signature by " + who + " uses the weak hash " + Algorithms.hash(sig.getHashAlgorithm()));
        }
        return new Outcome(SignatureStatus.VERIFIED, Optional.of(signer.ref()), Optional.of(Algorithms.hash(sig.getHashAlgorithm())),
                warnings);
    }

    private String knownKeys() {
        return signers.isEmpty() ? "none configured" : signers.describe();
    }
}
