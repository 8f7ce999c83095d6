package org.hl7gw.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hl7gw.core.Secret;
import org.hl7gw.pgp.PgpCompression;
import org.hl7gw.pgp.PgpEncryption;
import org.hl7gw.pgp.PgpEncryptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway encrypt IN --recipient PUB --out OUT}: what a partner does, to test a setup or for the demo. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = "Encrypt (AES-256 with integrity protection, as GnuPG reads it) and optionally sign a file, "
                + "as a partner would before uploading: to test a partner's setup, and for the demo.")
final class EncryptCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Option(names = "--recipient", required = true, paramLabel = "PUBLIC_KEY_FILE", description = "Public key to encrypt to; repeat for several.")
    List<Path> recipients = new ArrayList<>();

    @Option(names = "--sign-key", paramLabel = "SECRET_KEY_FILE", description = "Sign with this secret key (one-pass signature inside the encryption).")
    Path signKey;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Passphrase of the signing key (first line of the file).")
    Path passphraseFile;

    @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Environment variable holding the signing key's passphrase.")
    String passphraseEnv;

    @Option(names = "--armor", description = "ASCII-armored output.")
    boolean armor;

    @Option(names = "--compression", paramLabel = "none|zip|zlib|bzip2", defaultValue = "zlib", description = "Compression (default ${DEFAULT-VALUE}).")
    PgpCompression compression = PgpCompression.ZLIB;

    @Option(names = "--out", required = true, paramLabel = "OUT")
    Path out;

    EncryptCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        InputFiles.requireReadable(List.of(in));
        recipients.forEach(r -> DeliveryOptions.requireFile("--recipient", r));
        if (Files.exists(out)) {
            throw new UsageException("--out " + out + " exists; give a new file");
        }
        PgpEncryptor.Builder b = PgpEncryptor.builder().recipients(recipients).armor(armor).compression(compression)
                .fileName(in.getFileName().toString());
        if (signKey != null) {
            DeliveryOptions.requireFile("--sign-key", signKey);
            if (passphraseFile != null && passphraseEnv != null) {
                throw new UsageException("give --passphrase-file or --passphrase-env, not both");
            }
            Secret pass = passphraseFile != null ? Secret.file(passphraseFile) : passphraseEnv != null ? Secret.env(passphraseEnv) : null;
            if (pass != null) {
                b.signWith(List.of(signKey), pass);
            } else {
                b.signWith(List.of(signKey));
            }
        }
        PgpEncryptor encryptor = b.build();
        PgpEncryption done;
        try (InputStream i = Files.newInputStream(in); OutputStream o = Files.newOutputStream(out)) {
            done = encryptor.encrypt(i, o);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        terminal.out().println("OK " + in + " -> " + out + (armor ? " (armored)" : ""));
        done.recipients().forEach(r -> terminal.out().println("  for " + r.describe()));
        done.signer().ifPresent(s -> terminal.out().println("  signed by " + s.describe()));
        return ExitCodes.OK;
    }
}
