package org.hl7gw.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hl7gw.core.Secret;
import org.hl7gw.pgp.KeyInfo;
import org.hl7gw.pgp.KeyInspector;
import org.hl7gw.pgp.PgpKeyGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway keys generate|inspect}: the gateway's own OpenPGP key, and checking partners' keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Make the gateway's OpenPGP key pair, and inspect key files.",
        subcommands = {KeysCommand.Generate.class, KeysCommand.Inspect.class})
final class KeysCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: generate or inspect");
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Generate an Ed25519 (sign) / Cv25519 (encrypt) key pair for the gateway, armored: DIR/NAME-public.asc "
                    + "(give it to partners) and DIR/NAME-secret.asc (mode 0600, stays on the gateway)."})
    static final class Generate implements Callable<Integer> {
        private final Terminal terminal;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "User ID name, e.g. \"HL7 Gateway\".")
        String name;
        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;
        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Protect the secret key with the passphrase in this file.")
        Path passphraseFile;
        @Option(names = "--passphrase-env", paramLabel = "VAR", description = "Protect the secret key with the passphrase in this variable.")
        String passphraseEnv;

        Generate(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            String base = email.replaceAll("[^A-Za-z0-9._-]", "_");
            Path pub = out.resolve(base + "-public.asc");
            Path sec = out.resolve(base + "-secret.asc");
            if (Files.exists(pub) || Files.exists(sec)) {
                throw new UsageException(pub + " or " + sec + " exists already; give another --out");
            }
            char[] pass = passphraseFile != null ? Secret.file(passphraseFile).read() : passphraseEnv != null ? Secret.env(passphraseEnv).read() : null;
            var key = new PgpKeyGenerator().generate(name, email, pass, pub, sec);
            if (pass != null) {
                java.util.Arrays.fill(pass, '\0');
            }
            terminal.out().println("public key  " + key.publicKeyFile() + "   (give this to partners)");
            terminal.out().println("secret key  " + key.secretKeyFile() + "   (mode 0600; keep it on the gateway)");
            terminal.out().println("  primary    " + key.primaryKey().describe() + " fingerprint " + key.primaryKey().fingerprint());
            terminal.out().println("  encryption " + key.encryptionKey().describe());
            return ExitCodes.OK;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Show every key and subkey in a key file: key ID, fingerprint, algorithm, creation and expiry, capabilities, revocation.")
    static final class Inspect implements Callable<Integer> {
        private final Terminal terminal;
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        Inspect(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            InputFiles.requireReadable(files);
            for (Path f : files) {
                terminal.out().println(f + ":");
                for (KeyInfo k : KeyInspector.inspect(f)) {
                    terminal.out().println("  " + k.describe().replace("\n", "\n  "));
                    terminal.out().println("      can " + capabilities(k));
                }
            }
            return ExitCodes.OK;
        }

        private static String capabilities(KeyInfo k) {
            String s = k.capabilities().stream().map(c -> c.name().toLowerCase()).sorted().reduce((a, b) -> a + ", " + b).orElse("nothing");
            return s + (k.revoked() ? " (revoked: do not use)" : "") + (k.expiredAt(java.time.Instant.now()) ? " (expired)" : "");
        }
    }
}
