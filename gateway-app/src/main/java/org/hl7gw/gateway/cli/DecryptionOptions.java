package org.hl7gw.gateway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7gw.core.Secret;
import org.hl7gw.gateway.intake.PayloadOpener;
import org.hl7gw.pgp.PgpDecryptor;
import org.hl7gw.pgp.PgpPolicy;
import org.hl7gw.pgp.SignaturePolicy;
import picocli.CommandLine.Option;

/** OpenPGP options of {@code send}, {@code rerun} and {@code decrypt}. Passphrases come from a file or an environment variable only. */
public final class DecryptionOptions {

    @Option(names = {"--decrypt-key", "--key"}, paramLabel = "SECRET_KEY_FILE",
            description = "The gateway's OpenPGP secret key (armored or binary); repeat for several.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "File holding the secret key's passphrase (first line).")
    Path passphraseFile;

    @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Environment variable holding the secret key's passphrase.")
    String passphraseEnv;

    @Option(names = "--verify", paramLabel = "PUBLIC_KEY_FILE",
            description = "A partner's public key whose signatures are accepted; repeat for several. A signature, when present, must verify.")
    List<Path> signers = new ArrayList<>();

    @Option(names = "--require-signature", description = "Refuse files that are not signed by one of the --verify keys.")
    boolean requireSignature;

    @Option(names = "--require-encryption", description = "Refuse files that are not OpenPGP-encrypted.")
    boolean requireEncryption;

    @Option(names = "--allow-unprotected", description = "Accept encrypted files without integrity protection (MDC/AEAD), with a warning. Not recommended.")
    boolean allowUnprotected;

    public boolean any() {
        return !keys.isEmpty() || !signers.isEmpty() || requireSignature || requireEncryption;
    }

    public Optional<Secret> passphrase() {
        if (passphraseFile != null && passphraseEnv != null) {
            throw new UsageException("give --passphrase-file or --passphrase-env, not both");
        }
        if (passphraseFile != null) {
            DeliveryOptions.requireFile("--passphrase-file", passphraseFile);
            return Optional.of(Secret.file(passphraseFile));
        }
        return Optional.ofNullable(passphraseEnv).map(Secret::env);
    }

    public PgpPolicy policy() {
        if (requireSignature && signers.isEmpty()) {
            throw new UsageException("--require-signature needs the signer's public key: --verify PUBLIC_KEY_FILE");
        }
        SignaturePolicy signatures = requireSignature ? SignaturePolicy.REQUIRED : signers.isEmpty() ? SignaturePolicy.NONE : SignaturePolicy.OPTIONAL;
        return PgpPolicy.defaults().withSignatures(signatures).withAllowUnprotected(allowUnprotected).withRequireEncryption(requireEncryption);
    }

    /** The decryptor, when a key was given. */
    public Optional<PgpDecryptor> decryptor() {
        keys.forEach(k -> DeliveryOptions.requireFile("--decrypt-key", k));
        signers.forEach(k -> DeliveryOptions.requireFile("--verify", k));
        PgpPolicy policy = policy();
        if (keys.isEmpty()) {
            if (!signers.isEmpty()) {
                throw new UsageException("--verify needs --decrypt-key (signed-only files are verified while decrypting)");
            }
            return Optional.empty();
        }
        PgpDecryptor.Builder b = PgpDecryptor.builder().policy(policy).signers(signers);
        Optional<Secret> pass = passphrase();
        if (pass.isPresent()) {
            b.decryptionKeys(keys, pass.get());
        } else {
            b.decryptionKeys(keys, (char[]) null);
        }
        return Optional.of(b.build());
    }

    public PayloadOpener opener() {
        return new PayloadOpener(decryptor(), requireEncryption);
    }
}
