package org.hl7gw.pgp.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.bcpg.AEADEncDataPacket;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.InputStreamPacket;
import org.bouncycastle.bcpg.PacketTags;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.hl7gw.pgp.CorruptDataException;
import org.hl7gw.pgp.EncryptionRequiredException;
import org.hl7gw.pgp.IntegrityException;
import org.hl7gw.pgp.IntegrityProtection;
import org.hl7gw.pgp.NoMatchingKeyException;
import org.hl7gw.pgp.PayloadKind;
import org.hl7gw.pgp.PgpDetector;
import org.hl7gw.pgp.PgpPolicy;
import org.hl7gw.pgp.SignatureException;
import org.hl7gw.pgp.SignaturePolicy;
import org.hl7gw.pgp.UnsupportedPgpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a message layer by layer with Bouncy Castle's classic packet API: armor, session-key packets and
 * encrypted data, compression, one-pass signatures, literal data. Packets are read one at a time from a
 * single {@link BCPGInputStream} per layer, and only the packet types a message may hold are accepted, so
 * key blocks, padding or experimental packets (which Bouncy Castle would read whole into memory) are refused.
 */
public final class MessageOpener {
    private static final Logger LOG = LoggerFactory.getLogger(MessageOpener.class);

    /** Read-ahead on the caller's stream. */
    static final int INPUT_BUFFER = 64 * 1024;
    /** More nested compression than this is refused (GnuPG makes one layer). */
    private static final int MAX_COMPRESSION_LAYERS = 2;

    private final DecryptionKeys keys;
    private final SignerKeys signers;
    private final PgpPolicy policy;

    public MessageOpener(DecryptionKeys keys, SignerKeys signers, PgpPolicy policy) {
        this.keys = keys;
        this.signers = signers;
        this.policy = policy;
    }

    /**
     * Reads the message up to the start of its plaintext.
     *
     * @throws IOException when reading the caller's stream fails
     */
    public OpenedMessage open(InputStream input) throws IOException {
        SourceInputStream source = new SourceInputStream(input);
        OpenedMessage m = new OpenedMessage(source, policy);
        try {
            BufferedInputStream buffered = new BufferedInputStream(source, INPUT_BUFFER);
            PayloadKind kind = PgpDetector.detect(buffered);
            if (kind == PayloadKind.PLAINTEXT) {
                return openPlaintext(m, buffered);
            }
            InputStream pgp = kind == PayloadKind.ARMORED ? new ArmoredInputStream(buffered) : buffered;
            BCPGInputStream top = new BCPGInputStream(pgp);
            m.top = top;
            int tag = skipMarkers(top);
            if (tag == PacketTags.PUBLIC_KEY_ENC_SESSION || tag == PacketTags.SYMMETRIC_KEY_ENC_SESSION) {
                decrypt(m, new PGPEncryptedDataList(top));
                walk(m, BCPGInputStream.wrap(m.clear), false);
            } else {
                if (isEncryptedData(tag)) {
                    throw new NoMatchingKeyException("the message has encrypted data but no session key packet: nobody can decrypt it",
                            List.of(), keys.keyIds());
                }
                walk(m, top, true);
            }
            m.signatures.checkPresence();
            LOG.debug("opened OpenPGP message: {} input, encrypted={}, integrity={}, compression={}, signatures present={}",
                    kind, m.encrypted != null, m.integrity, m.compressionName(), m.signatures.present());
            return m;
        } catch (IOException | PGPException | RuntimeException e) {
            try {
                throw m.translate(e);
            } finally {
                m.close();
            }
        }
    }

    private OpenedMessage openPlaintext(OpenedMessage m, InputStream buffered) {
        if (policy.requireEncryption()) {
            throw new EncryptionRequiredException("the payload is not OpenPGP data (plaintext) and the policy requires encryption");
        }
        if (policy.signatures() == SignaturePolicy.REQUIRED) {
            throw new SignatureException(SignatureException.Reason.MISSING,
                    "the payload is plaintext, not a signed OpenPGP message, and the signature policy requires a signature");
        }
        m.signatures = new SignatureVerification(signers, policy.signatures());
        m.literal = buffered;
        m.integrity = IntegrityProtection.NOT_ENCRYPTED;
        m.warnings.add("the payload is not OpenPGP data; it was passed through unchanged");
        return m;
    }

    /** Picks our session-key packet, recovers the session key and opens the decrypted stream. */
    @SuppressWarnings("deprecation") // getDataStream(SessionKeyDataDecryptorFactory) keeps verify() usable
    private void decrypt(OpenedMessage m, PGPEncryptedDataList list) throws PGPException {
        List<PGPPublicKeyEncryptedData> candidates = new ArrayList<>();
        boolean passphraseOnly = true;
        for (Iterator<PGPEncryptedData> it = list.getEncryptedDataObjects(); it.hasNext(); ) {
            PGPEncryptedData ed = it.next();
            if (ed instanceof PGPPublicKeyEncryptedData pk) {
                candidates.add(pk);
                passphraseOnly = false;
            } else if (!(ed instanceof PGPPBEEncryptedData)) {
                passphraseOnly = false;
            }
        }
        if (candidates.isEmpty()) {
            throw new NoMatchingKeyException(passphraseOnly
                    ? "the message is encrypted with a passphrase only (no public-key recipient); the gateway decrypts with keys ("
                    + describeOurs() + ")"
                    : "the message has no public-key session key packet; the gateway's keys are " + describeOurs(),
                    List.of(), keys.keyIds());
        }
        SessionKeyChoice choice = chooseSessionKey(candidates);
        InputStreamPacket data = list.getEncryptedData();
        IntegrityProtection integrity = integrityOf(data);
        if (integrity == IntegrityProtection.NONE && !policy.allowUnprotected()) {
            throw new IntegrityException("the message has no integrity protection (a Symmetrically Encrypted Data packet without MDC, "
                    + "as made by gpg --rfc2440 or very old PGP) and the policy does not allow unprotected messages");
        }
        m.encrypted = choice.data;
        m.recipient = choice.key;
        m.integrity = integrity;
        m.symmetricAlgorithm = data instanceof SymmetricEncIntegrityPacket seipd && seipd.getVersion() == SymmetricEncIntegrityPacket.VERSION_2
                ? seipd.getCipherAlgorithm() : choice.sessionKey.getAlgorithm();
        if (data instanceof AEADEncDataPacket a) {
            m.aeadAlgorithm = a.getAEADAlgorithm();
        } else if (data instanceof SymmetricEncIntegrityPacket seipd && seipd.getVersion() == SymmetricEncIntegrityPacket.VERSION_2) {
            m.aeadAlgorithm = seipd.getAeadAlgorithm();
        }
        if (integrity == IntegrityProtection.NONE) {
            m.warnings.add("the message has no integrity protection (no MDC, no AEAD): modifications cannot be detected");
        }
        int algorithm = choice.sessionKey.getAlgorithm();
        boolean aes = algorithm == SymmetricKeyAlgorithmTags.AES_128 || algorithm == SymmetricKeyAlgorithmTags.AES_192
                || algorithm == SymmetricKeyAlgorithmTags.AES_256;
        if (integrity == IntegrityProtection.MDC && aes) {
            // what GnuPG 2.2 sends: decrypted by our own fast CFB + MDC stream
            SeipdV1InputStream seipd;
            try {
                seipd = new SeipdV1InputStream(choice.data.getInputStream(), choice.sessionKey.getKey());
            } catch (GeneralSecurityException e) {
                throw new UnsupportedPgpException("the Java runtime cannot run AES: " + e.getMessage(), e);
            }
            m.clear = seipd;
            m.mdc = seipd::verifyMdc;
        } else {
            m.clear = choice.data.getDataStream(Operators.dataDecryptor(choice.sessionKey));
            if (integrity == IntegrityProtection.MDC) {
                m.mdc = choice.data::verify;
            }
        }
    }

    private static IntegrityProtection integrityOf(InputStreamPacket data) {
        if (data instanceof AEADEncDataPacket) {
            return IntegrityProtection.AEAD;
        }
        if (data instanceof SymmetricEncIntegrityPacket seipd) {
            // BC's isIntegrityProtected() is false for v5 AEAD packets and isAEAD() is what tells them apart:
            // look at the packet itself instead
            return seipd.getVersion() == SymmetricEncIntegrityPacket.VERSION_2 ? IntegrityProtection.AEAD : IntegrityProtection.MDC;
        }
        return IntegrityProtection.NONE;
    }

    private record SessionKeyChoice(PGPPublicKeyEncryptedData data, DecryptionKeys.Entry key, PGPSessionKey sessionKey) {
    }

    private SessionKeyChoice chooseSessionKey(List<PGPPublicKeyEncryptedData> candidates) {
        List<String> failures = new ArrayList<>();
        // first the packets naming one of our keys, then hidden recipients (key ID 0) with each of our keys
        for (PGPPublicKeyEncryptedData pk : candidates) {
            if (pk.getKeyIdentifier().isWildcard()) {
                continue;
            }
            var entry = keys.byKeyId(pk.getKeyIdentifier().getKeyId());
            if (entry.isPresent()) {
                try {
                    PGPSessionKey sk = pk.getSessionKey(Operators.sessionKeyRecovery(entry.get().publicKey(), entry.get().privateKey()));
                    LOG.debug("session key recovered with key {}", KeyIds.ox(pk.getKeyIdentifier().getKeyId()));
                    return new SessionKeyChoice(pk, entry.get(), sk);
                } catch (PGPException | RuntimeException e) {
                    failures.add(KeyIds.ox(pk.getKeyIdentifier().getKeyId()) + ": " + e.getMessage());
                }
            }
        }
        for (PGPPublicKeyEncryptedData pk : candidates) {
            if (!pk.getKeyIdentifier().isWildcard()) {
                continue;
            }
            for (DecryptionKeys.Entry entry : keys.all()) {
                if (entry.publicKey().getAlgorithm() != pk.getAlgorithm()) {
                    continue;
                }
                try {
                    PGPSessionKey sk = pk.getSessionKey(Operators.sessionKeyRecovery(entry.publicKey(), entry.privateKey()));
                    LOG.debug("hidden recipient: session key recovered with key {}", KeyIds.ox(entry.keyId()));
                    return new SessionKeyChoice(pk, entry, sk);
                } catch (PGPException | RuntimeException e) {
                    // not this key: a hidden recipient is found by trying
                }
            }
        }
        List<String> recipients = candidates.stream().map(pk -> KeyIds.hex(pk.getKeyIdentifier().getKeyId())).toList();
        if (!failures.isEmpty()) {
            throw new CorruptDataException("the session key packet for the gateway's key could not be decrypted ("
                    + String.join("; ", failures) + "): the message is damaged");
        }
        String listed = String.join(", ", candidates.stream().map(pk -> pk.getKeyIdentifier().isWildcard()
                ? "0x0000000000000000 (hidden recipient, " + Algorithms.publicKey(pk.getAlgorithm()) + ")"
                : KeyIds.ox(pk.getKeyIdentifier().getKeyId())).toList());
        throw new NoMatchingKeyException("encrypted for key IDs " + listed + "; none of them is among the gateway's decryption keys ("
                + describeOurs() + ")", recipients, keys.keyIds());
    }

    private String describeOurs() {
        if (keys.isEmpty()) {
            return "none configured";
        }
        return String.join(", ", keys.all().stream().map(e -> KeyIds.ox(e.keyId())).toList());
    }

    /** Walks compression, signature and marker packets down to the literal data. */
    private void walk(OpenedMessage m, BCPGInputStream in, boolean topLevel) throws IOException, PGPException {
        m.signatures = new SignatureVerification(signers, policy.signatures());
        BCPGInputStream current = in;
        m.layers.add(current);
        while (true) {
            int tag = skipMarkers(current);
            switch (tag) {
                case PacketTags.COMPRESSED_DATA -> {
                    if (m.compressions.size() >= MAX_COMPRESSION_LAYERS) {
                        throw new UnsupportedPgpException("more than " + MAX_COMPRESSION_LAYERS + " nested compression layers");
                    }
                    requireEncryptionIfNeeded(m, topLevel);
                    PGPCompressedData compressed = new PGPCompressedData(current);
                    m.compressions.add(compressed.getAlgorithm());
                    InputStream inflated = new ExpansionGuard(Decompression.open(compressed), m.budget);
                    m.closeables.add(inflated);
                    current = new BCPGInputStream(inflated);
                    m.layers.add(current);
                }
                case PacketTags.ONE_PASS_SIGNATURE -> {
                    requireEncryptionIfNeeded(m, topLevel);
                    m.signatures.addOnePass(new PGPOnePassSignature(current));
                }
                case PacketTags.SIGNATURE -> {
                    requireEncryptionIfNeeded(m, topLevel);
                    m.signatures.addLeading(new PGPSignature(current));
                }
                case PacketTags.LITERAL_DATA -> {
                    requireEncryptionIfNeeded(m, topLevel);
                    PGPLiteralData literal = new PGPLiteralData(current);
                    m.literal = literal.getInputStream();
                    m.innermost = current;
                    return;
                }
                case -1 -> throw new CorruptDataException(m.encrypted != null
                        ? "the decrypted data holds no literal data packet"
                        : "the OpenPGP data holds no literal data packet (is it a detached signature?)");
                case PacketTags.PUBLIC_KEY_ENC_SESSION, PacketTags.SYMMETRIC_KEY_ENC_SESSION ->
                        throw new UnsupportedPgpException("an encrypted message inside an encrypted or compressed message");
                default -> throw new CorruptDataException(unexpected(tag, topLevel && m.compressions.isEmpty()));
            }
        }
    }

    private void requireEncryptionIfNeeded(OpenedMessage m, boolean topLevel) {
        if (topLevel && m.encrypted == null && policy.requireEncryption()) {
            throw new EncryptionRequiredException("the OpenPGP message is not encrypted"
                    + " (signed or literal data only) and the policy requires encryption");
        }
    }

    static int skipMarkers(BCPGInputStream in) throws IOException {
        int tag;
        while ((tag = in.nextPacketTag()) == PacketTags.MARKER) {
            new PGPMarker(in);
        }
        return tag;
    }

    private static boolean isEncryptedData(int tag) {
        return tag == PacketTags.SYMMETRIC_KEY_ENC || tag == PacketTags.SYM_ENC_INTEGRITY_PRO || tag == PacketTags.AEAD_ENC_DATA;
    }

    static String unexpected(int tag, boolean start) {
        String what = switch (tag) {
            case PacketTags.PUBLIC_KEY, PacketTags.SECRET_KEY, PacketTags.PUBLIC_SUBKEY, PacketTags.SECRET_SUBKEY,
                 PacketTags.USER_ID, PacketTags.USER_ATTRIBUTE, PacketTags.TRUST -> "key material (packet type " + tag + ")";
            case PacketTags.PADDING -> "a padding packet";
            case PacketTags.SYMMETRIC_KEY_ENC, PacketTags.SYM_ENC_INTEGRITY_PRO, PacketTags.AEAD_ENC_DATA ->
                    "encrypted data without a session key packet";
            case PacketTags.MOD_DETECTION_CODE -> "a stray MDC packet";
            default -> "packet type " + tag;
        };
        return start && what.startsWith("key material") ? "the input is an OpenPGP key block, not a message"
                : "unexpected " + what + " in the message";
    }
}
