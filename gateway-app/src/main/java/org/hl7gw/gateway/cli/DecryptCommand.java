package org.hl7gw.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.hl7gw.pgp.PgpDecryptor;
import org.hl7gw.pgp.PgpException;
import org.hl7gw.pgp.PgpResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway decrypt IN --key K --out OUT}: what the intake does to an encrypted file, by hand. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = {"Decrypt and verify an OpenPGP file (armored or binary, as GnuPG writes it) with the gateway's secret key. "
                + "The plaintext goes to a temporary file next to OUT and becomes OUT only once integrity and signature checked out.",
            "Exit 0 with the plaintext in OUT and the signer printed; 1 with the reason (no matching key, wrong passphrase, bad or "
                + "missing signature, corrupt or truncated data, compression bomb) and no OUT left behind; 2 on usage errors."})
final class DecryptCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "IN", description = "The encrypted file.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Where the plaintext goes (must not exist).")
    Path out;

    @Mixin
    DecryptionOptions pgp = new DecryptionOptions();

    DecryptCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        InputFiles.requireReadable(List.of(in));
        if (pgp.keys.isEmpty()) {
            throw new UsageException("--key SECRET_KEY_FILE is required");
        }
        if (Files.exists(out)) {
            throw new UsageException("--out " + out + " exists; give a new file");
        }
        PgpDecryptor decryptor = pgp.decryptor().orElseThrow();
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".part");
        try {
            PgpResult result;
            try (InputStream i = Files.newInputStream(in); OutputStream o = Files.newOutputStream(tmp)) {
                result = decryptor.decryptTo(i, o);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            terminal.out().println("OK " + in + " -> " + out + " (" + result.plaintextBytes() + " bytes)");
            terminal.out().println("  " + result.summary());
            result.signer().ifPresentOrElse(
                    s -> terminal.out().println("  signed by " + s.describe() + ", fingerprint " + s.fingerprint()),
                    () -> terminal.out().println("  not signed" + (result.signed() ? " (signature not checked)" : "")));
            result.warnings().forEach(w -> terminal.out().println("  warning: " + w));
            return ExitCodes.OK;
        } catch (PgpException e) {
            terminal.out().println("REFUSED " + in + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
