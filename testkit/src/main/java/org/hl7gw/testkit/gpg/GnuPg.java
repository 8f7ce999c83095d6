package org.hl7gw.testkit.gpg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real GnuPG ({@code gpg}, as partners use it) with a private home directory, for tests.
 *
 * <p>Every command runs with {@code --batch --pinentry-mode loopback}; passphrases are handed over in
 * files inside the scratch directory, never on the command line. {@link #close()} stops the gpg-agent
 * (and any other daemon) of this home; the directory itself belongs to the caller (a JUnit
 * {@code @TempDir}).
 *
 * <p>Pitfalls: keep the directory path short (gpg-agent's socket lives in it when {@code /run/user/UID}
 * does not exist, and a Unix socket path is limited to about 107 bytes). Encryption uses
 * {@code --trust-model always} so keys imported from elsewhere can be used without certifying them.
 */
public final class GnuPg implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path home;
    private final Path scratch;
    private final AtomicInteger counter = new AtomicInteger();

    private GnuPg(Path home, Path scratch) {
        this.home = home;
        this.scratch = scratch;
    }

    /** Creates a fresh GnuPG home ({@code dir/h}, mode 0700) and a scratch folder under {@code dir}. */
    public static GnuPg create(Path dir) {
        try {
            Path home = dir.resolve("h");
            Files.createDirectories(home);
            try {
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; gpg only warns
            }
            Path scratch = Files.createDirectories(dir.resolve("s"));
            return new GnuPg(home, scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a GnuPG home under " + dir, e);
        }
    }

    /** Whether a {@code gpg} binary can be run. */
    public static boolean isInstalled() {
        return org.hl7gw.testkit.ftp.ProgramRun.isInstalled("gpg");
    }

    public Path home() {
        return home;
    }

    /** The first line of {@code gpg --version}, e.g. "gpg (GnuPG) 2.2.40". */
    public String version() {
        return run(List.of("--version"), null).stdout().lines().findFirst().orElse("");
    }

    // ---------------------------------------------------------------- keys

    /** A key made by {@link #generateKey}: its primary fingerprint and key ID, and the subkeys' fingerprints. */
    public record Key(String name, String email, KeyType type, String fingerprint, List<String> subkeyFingerprints,
                      String passphrase) {
        public Key {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(fingerprint, "fingerprint");
            subkeyFingerprints = List.copyOf(subkeyFingerprints);
        }

        /** "Name <email>". */
        public String userId() {
            return name + " <" + email + ">";
        }

        /** The primary key's 64-bit key ID, 16 upper-case hex digits. */
        public String keyId() {
            return fingerprint.substring(fingerprint.length() - 16);
        }

        /** The key ID of the first subkey (the encryption subkey for every {@link KeyType}). */
        public String subkeyId() {
            if (subkeyFingerprints.isEmpty()) {
                throw new IllegalStateException(email + " has no subkey");
            }
            String f = subkeyFingerprints.get(0);
            return f.substring(f.length() - 16);
        }

        public boolean hasPassphrase() {
            return passphrase != null && !passphrase.isEmpty();
        }
    }

    /** What partners use. Each type has a signing primary key and an encryption subkey. */
    public enum KeyType {
        /** RSA-3072 sign+certify primary with an RSA-3072 encryption subkey. */
        RSA_3072("rsa3072", "rsa3072"),
        /** GnuPG's "future-default": Ed25519 sign+certify primary with a Cv25519 encryption subkey. */
        CURVE_25519("future-default", null),
        /** ECDSA NIST P-256 primary with an ECDH P-256 encryption subkey. */
        NIST_P256("nistp256", "nistp256"),
        /** ECDSA NIST P-384 primary with an ECDH P-384 encryption subkey. */
        NIST_P384("nistp384", "nistp384");

        private final String primaryAlgo;
        private final String subkeyAlgo;

        KeyType(String primaryAlgo, String subkeyAlgo) {
            this.primaryAlgo = primaryAlgo;
            this.subkeyAlgo = subkeyAlgo;
        }
    }

    /** Generates a key without a passphrase, valid from now on and never expiring. */
    public Key generateKey(String name, String email, KeyType type) {
        return generateKey(name, email, type, null, null);
    }

    /**
     * Generates a key.
     *
     * @param passphrase protects the secret key when not null
     * @param createdAt  the key's creation time (GnuPG's {@code --faked-system-time}); now when null
     */
    public Key generateKey(String name, String email, KeyType type, String passphrase, Instant createdAt) {
        List<String> faked = createdAt == null ? List.of() : List.of("--faked-system-time", Long.toString(createdAt.getEpochSecond()));
        List<String> args = new ArrayList<>(faked);
        args.addAll(passphraseArgs(passphrase));
        args.addAll(List.of("--quick-gen-key", name + " <" + email + ">", type.primaryAlgo,
                type.subkeyAlgo == null ? "default" : "sign,cert", "never"));
        Outcome generated = run(args, null).check("generate key " + email);
        // KEY_CREATED <type> <fingerprint>: the new key, even when the keyring already has one for this e-mail
        String fingerprint = generated.status().stream().filter(l -> l.startsWith("KEY_CREATED ")).map(l -> l.split(" ")[2])
                .findFirst().orElseThrow(() -> new IllegalStateException("gpg reported no KEY_CREATED for " + email));
        if (type.subkeyAlgo != null) {
            List<String> add = new ArrayList<>(faked);
            add.addAll(passphraseArgs(passphrase));
            add.addAll(List.of("--quick-add-key", fingerprint, type.subkeyAlgo, "encr", "never"));
            run(add, null).check("add encryption subkey to " + email);
        }
        List<String> all = fingerprints(fingerprint);
        return new Key(name, email, type, all.get(0), all.subList(1, all.size()), passphrase);
    }

    /**
     * Gives the primary key a new expiry, as if done at {@code asOf} (a new self-signature dated then).
     * Making a key at T0, signing with it later, then setting its expiry "1d" as of T0 + 1 hour yields
     * a signature made after the key expired: what a partner's expired key looks like to the gateway.
     */
    public void setExpiry(Key key, Instant asOf, String period) {
        List<String> args = new ArrayList<>(List.of("--faked-system-time", Long.toString(asOf.getEpochSecond())));
        args.addAll(passphraseArgs(key.passphrase()));
        args.addAll(List.of("--quick-set-expire", key.fingerprint(), period));
        run(args, null).check("set expiry of " + key.email());
    }

    /**
     * Revokes the key by importing the revocation certificate GnuPG stored when it generated the key
     * ({@code openpgp-revocs.d/FPR.rev}, with its protective colon removed). Export the public key
     * afterwards to hand the revocation to the gateway.
     */
    public void revoke(Key key) {
        Path stored = home.resolve("openpgp-revocs.d").resolve(key.fingerprint() + ".rev");
        try {
            String text = Files.readString(stored, StandardCharsets.UTF_8).replace(":-----BEGIN PGP PUBLIC KEY BLOCK-----",
                    "-----BEGIN PGP PUBLIC KEY BLOCK-----");
            Path cert = scratch.resolve("revoke-" + counter.incrementAndGet() + ".asc");
            Files.writeString(cert, text, StandardCharsets.UTF_8);
            importKeys(cert);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read revocation certificate " + stored, e);
        }
    }

    /** Exports the public key (primary, subkeys, user IDs, signatures). */
    public Path exportPublicKey(Key key, Path out, boolean armor) {
        List<String> args = new ArrayList<>();
        if (armor) {
            args.add("--armor");
        }
        args.addAll(List.of("--output", out.toString(), "--export", key.fingerprint()));
        run(args, null).check("export public key " + key.email());
        return out;
    }

    /** Exports the secret key; it stays protected by its passphrase, if it has one. */
    public Path exportSecretKey(Key key, Path out, boolean armor) {
        List<String> args = new ArrayList<>(passphraseArgs(key.passphrase()));
        if (armor) {
            args.add("--armor");
        }
        args.addAll(List.of("--output", out.toString(), "--export-secret-keys", key.fingerprint()));
        run(args, null).check("export secret key " + key.email());
        return out;
    }

    public void importKeys(Path file) {
        run(List.of("--import", file.toString()), null).check("import " + file);
    }

    /** The fingerprints of the primary key and subkeys for a user ID or fingerprint in this keyring. */
    public List<String> fingerprints(String who) {
        String colons = run(List.of("--with-colons", "--with-subkey-fingerprints", "--list-keys", who), null)
                .check("list keys " + who).stdout();
        List<String> result = new ArrayList<>();
        for (String line : colons.split("\n")) {
            if (line.startsWith("fpr:")) {
                result.add(line.split(":", -1)[9]);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("gpg lists no key for " + who);
        }
        return result;
    }

    // ---------------------------------------------------------------- messages

    /** What {@code gpg --compress-algo} accepts. */
    public enum Compression { NONE, ZIP, ZLIB, BZIP2 }

    /** Options for {@link #encrypt}: recipients, hidden recipients, signer, armor, compression. */
    public static final class Options {
        private final List<String> recipients = new ArrayList<>();
        private final List<String> hiddenRecipients = new ArrayList<>();
        private Key signer;
        private boolean armor;
        private Compression compression;
        private boolean withoutIntegrity;
        private boolean textMode;
        private String cipher;

        public static Options create() {
            return new Options();
        }

        /** {@code -r}: a user ID, e-mail or fingerprint; may be repeated, order is kept. */
        public Options recipient(String who) {
            recipients.add(who);
            return this;
        }

        public Options recipient(Key key) {
            return recipient(key.fingerprint());
        }

        /** {@code -R}: a recipient whose key ID is not written into the message (key ID 0). */
        public Options hiddenRecipient(String who) {
            hiddenRecipients.add(who);
            return this;
        }

        public Options hiddenRecipient(Key key) {
            return hiddenRecipient(key.fingerprint());
        }

        /** {@code -u KEY --sign}: a one-pass signature inside the encryption. */
        public Options signer(Key key) {
            this.signer = key;
            return this;
        }

        public Options armor() {
            this.armor = true;
            return this;
        }

        public Options compression(Compression c) {
            this.compression = c;
            return this;
        }

        /** {@code --cipher-algo}: e.g. AES128, AES192, AES256, CAMELLIA256, TWOFISH, 3DES (gpg warns, then obeys). */
        public Options cipher(String algorithm) {
            this.cipher = algorithm;
            return this;
        }

        /** {@code --textmode}: a canonical-text signature (type 0x01) over text literal data. */
        public Options textMode() {
            this.textMode = true;
            return this;
        }

        /** {@code --rfc2440}: a Symmetrically Encrypted Data packet without MDC (what gpg warns about). */
        public Options withoutIntegrity() {
            this.withoutIntegrity = true;
            return this;
        }
    }

    /** Encrypts (and signs, when a signer is set) a file; with no recipients at all it only signs. */
    public Path encrypt(Path in, Path out, Options options) {
        run(messageArgs(out, options, in.toString()), null).check("encrypt " + in);
        return out;
    }

    /**
     * Encrypts what a generator writes to gpg's standard input: large inputs without files. The writer
     * runs in this thread; gpg's output goes to {@code out}.
     */
    public Path encrypt(StdinWriter data, Path out, Options options) {
        run(messageArgs(out, options, "-"), data).check("encrypt from stdin");
        return out;
    }

    /** Writes a command's standard input. */
    @FunctionalInterface
    public interface StdinWriter {
        void writeTo(OutputStream stdin) throws IOException;
    }

    private List<String> messageArgs(Path out, Options o, String input) {
        List<String> args = new ArrayList<>(List.of("--trust-model", "always"));
        if (o.signer != null) {
            args.addAll(passphraseArgs(o.signer.passphrase()));
            args.addAll(List.of("--local-user", o.signer.fingerprint()));
        }
        if (o.armor) {
            args.add("--armor");
        }
        if (o.compression != null) {
            args.addAll(List.of("--compress-algo", o.compression.name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (o.withoutIntegrity) {
            args.add("--rfc2440");
        }
        if (o.textMode) {
            args.add("--textmode");
        }
        if (o.cipher != null) {
            args.addAll(List.of("--cipher-algo", o.cipher));
        }
        for (String r : o.recipients) {
            args.addAll(List.of("--recipient", r));
        }
        for (String r : o.hiddenRecipients) {
            args.addAll(List.of("--hidden-recipient", r));
        }
        args.addAll(List.of("--output", out.toString()));
        boolean encrypting = !o.recipients.isEmpty() || !o.hiddenRecipients.isEmpty();
        if (o.signer != null) {
            args.add("--sign");
        }
        if (encrypting) {
            args.add("--encrypt");
        }
        if (!encrypting && o.signer == null) {
            throw new IllegalArgumentException("neither recipients nor a signer: nothing to do");
        }
        args.add(input);
        return args;
    }

    /**
     * Runs {@code gpg --decrypt} (which also verifies an inner signature) writing the plaintext to
     * {@code out}. Never throws for a gpg failure: look at the {@link Outcome}.
     */
    public Outcome decrypt(Path in, Path out) {
        return run(List.of("--output", out.toString(), "--decrypt", in.toString()), null);
    }

    /** {@code gpg --list-packets}: GnuPG's own description of a message's packets. */
    public String listPackets(Path in) {
        Outcome o = run(List.of("--list-packets", in.toString()), null);
        return o.stdout() + o.stderr();
    }

    /** A finished gpg run: exit code, standard output and error, and {@code --status-fd} lines. */
    public record Outcome(String command, int exitCode, String stdout, String stderr, List<String> status) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Throws with gpg's standard error when gpg failed. */
        public Outcome check(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException("gpg failed to " + what + " (exit " + exitCode + "): " + command
                        + "\n" + stderr);
            }
            return this;
        }

        /** Whether a status line with this keyword was printed, e.g. GOODSIG, DECRYPTION_OKAY, GOODMDC. */
        public boolean hasStatus(String keyword) {
            return status.stream().anyMatch(l -> l.equals(keyword) || l.startsWith(keyword + " "));
        }

        /** The fingerprint of a verified signature (from VALIDSIG), or null. */
        public String validSignatureFingerprint() {
            return status.stream().filter(l -> l.startsWith("VALIDSIG ")).map(l -> l.split(" ")[1]).findFirst().orElse(null);
        }
    }

    /** Runs gpg with these arguments (after the common batch options); never throws for gpg's exit code. */
    public Outcome run(List<String> args, StdinWriter stdin) {
        int n = counter.incrementAndGet();
        Path stdout = scratch.resolve("out-" + n);
        Path stderr = scratch.resolve("err-" + n);
        Path status = scratch.resolve("status-" + n);
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--no-tty", "--pinentry-mode", "loopback",
                "--status-file", status.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.environment().put("GNUPGHOME", home.toString());
        pb.environment().put("LC_ALL", "C");
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        }
        try {
            Process p = pb.start();
            IOException writeFailure = null;
            if (stdin != null) {
                try (OutputStream os = p.getOutputStream()) {
                    stdin.writeTo(os);
                } catch (IOException e) {
                    writeFailure = e; // gpg may have stopped reading because it failed: its exit code and stderr tell
                }
            }
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("gpg did not finish within " + TIMEOUT + ": " + command);
            }
            if (writeFailure != null && p.exitValue() == 0) {
                throw writeFailure;
            }
            List<String> statusLines = Files.exists(status)
                    ? Files.readAllLines(status, StandardCharsets.UTF_8).stream()
                    .map(l -> l.startsWith("[GNUPG:] ") ? l.substring(9) : l).toList()
                    : List.of();
            return new Outcome(String.join(" ", command), p.exitValue(), read(stdout), read(stderr), statusLines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run gpg " + args, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running gpg", e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
            deleteQuietly(status);
        }
    }

    private List<String> passphraseArgs(String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            return List.of("--passphrase", "");
        }
        try {
            Path file = scratch.resolve("pass-" + counter.incrementAndGet());
            Files.writeString(file, passphrase + "\n", StandardCharsets.UTF_8);
            return List.of("--passphrase-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64 * 1024);
            return new String(head, StandardCharsets.UTF_8);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // scratch file in a temp dir; the dir goes away anyway
        }
    }

    /** Stops this home's gpg-agent (and dirmngr, keyboxd) with {@code gpgconf --kill all}. */
    @Override
    public void close() {
        ProcessBuilder pb = new ProcessBuilder("gpgconf", "--kill", "all")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GNUPGHOME", home.toString());
        try {
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // nothing left to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
