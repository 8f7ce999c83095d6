package org.hl7gw.testkit.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real OpenSSH client ({@code sftp}, {@code ssh}, {@code scp}, {@code ssh-keygen}), as partners use it, for tests
 * of SFTP servers on loopback.
 *
 * <p>Every run ignores the user's configuration and known hosts ({@code -F /dev/null},
 * {@code StrictHostKeyChecking=no}, {@code UserKnownHostsFile=/dev/null}), never prompts ({@code BatchMode=yes}) and
 * offers only the given key ({@code IdentitiesOnly=yes}). Batch files and outputs are written to the work folder
 * given to {@link #connect} (a JUnit {@code @TempDir}).
 *
 * <p>Pitfalls: {@code sftp -b} stops at the first command that fails and exits 1 (prefix a command with {@code -}
 * to go on regardless). {@code sftp} runs {@code ssh} as a child process: {@link Background#killAbruptly()} kills
 * both with SIGKILL, which is what a crashed client or a cut network looks like to the server; killing only
 * {@code sftp} would let {@code ssh} close the channel politely. OpenSSH cannot log in with a password without a
 * terminal ({@code sshpass} is not assumed): test password logins with another client.
 */
public final class OpenSshClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final String host;
    private final int port;
    private final String login;
    private final Path privateKey;
    private final List<String> options;
    private final AtomicInteger counter;

    private OpenSshClient(Path workDir, String host, int port, String login, Path privateKey, List<String> options,
            AtomicInteger counter) {
        this.workDir = workDir;
        this.host = host;
        this.port = port;
        this.login = login;
        this.privateKey = privateKey;
        this.options = List.copyOf(options);
        this.counter = counter;
    }

    /** A client for {@code login@host:port} with a private key, writing its scratch files under {@code workDir}. */
    public static OpenSshClient connect(Path workDir, String host, int port, String login, Path privateKey) {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(privateKey, "privateKey");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenSshClient(workDir, host, port, login, privateKey, List.of(), new AtomicInteger());
    }

    /** The same client with more {@code -o} options, e.g. {@code "Ciphers=aes128-cbc"}. */
    public OpenSshClient withOptions(String... extra) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(extra));
        return new OpenSshClient(workDir, host, port, login, privateKey, all, counter);
    }

    /** The same client as another login with another key. */
    public OpenSshClient as(String otherLogin, Path otherKey) {
        return new OpenSshClient(workDir, host, port, otherLogin, otherKey, options, counter);
    }

    /** Whether {@code sftp}, {@code ssh} and {@code ssh-keygen} can be run. */
    public static boolean isInstalled() {
        try {
            for (String tool : List.of("sftp", "ssh", "ssh-keygen")) {
                Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---------------------------------------------------------------- keys

    /** A key pair made by ssh-keygen: {@code privateKey} and {@code privateKey.pub}. */
    public record KeyFiles(Path privateKey, Path publicKey) {
        /** The public key line ({@code ssh-ed25519 AAAA... comment}), as in an authorized_keys file. */
        public String publicKeyLine() {
            try {
                return Files.readString(publicKey, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Makes an Ed25519 key pair without passphrase at {@code dir/name}. */
    public static KeyFiles generateKey(Path dir, String name) {
        return generateKey(dir, name, "ed25519", 0);
    }

    /** Makes a key pair without passphrase; {@code type} as for {@code ssh-keygen -t}, {@code bits} 0 for the default. */
    public static KeyFiles generateKey(Path dir, String name, String type, int bits) {
        Path key = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", key.toString()));
        if (bits > 0) {
            cmd.add("-b");
            cmd.add(Integer.toString(bits));
        }
        Result r = runSmall(cmd);
        if (!r.ok()) {
            throw new IllegalStateException("ssh-keygen failed: " + r.output());
        }
        return new KeyFiles(key, dir.resolve(name + ".pub"));
    }

    /** {@code ssh-keygen -lf KEY}: the key's SHA-256 fingerprint as OpenSSH prints it ({@code SHA256:...}). */
    public static String fingerprint(Path keyFile) {
        Result r = runSmall(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", keyFile.toString()));
        if (!r.ok()) {
            throw new IllegalStateException("ssh-keygen -lf failed: " + r.output());
        }
        String[] parts = r.stdout().trim().split("\\s+");
        if (parts.length < 2 || !parts[1].startsWith("SHA256:")) {
            throw new IllegalStateException("unexpected ssh-keygen -lf output: " + r.stdout());
        }
        return parts[1];
    }

    // ---------------------------------------------------------------- runs

    /** What a client run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** stdout and stderr together, for assertion messages. */
        public String output() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs a batch of sftp commands ({@code put f inbox/x.hl7}, {@code ls -1 inbox}...) and waits for the end. */
    public Result sftp(String... commands) {
        return sftpInBackground(0, commands).await(TIMEOUT);
    }

    /**
     * Starts a batch of sftp commands without waiting.
     *
     * @param kbitPerSecond bandwidth limit ({@code sftp -l}), 0 for none: makes an upload slow enough to observe
     *     or to kill halfway
     */
    public Background sftpInBackground(int kbitPerSecond, String... commands) {
        int n = counter.incrementAndGet();
        Path batch = workDir.resolve("batch-" + n + ".txt");
        try {
            Files.write(batch, List.of(commands), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of("sftp", "-b", batch.toString(), "-P", Integer.toString(port)));
        if (kbitPerSecond > 0) {
            cmd.add("-l");
            cmd.add(Integer.toString(kbitPerSecond));
        }
        cmd.addAll(commonOptions());
        cmd.add(login + "@" + host);
        return start(workDir, "sftp-" + n, cmd);
    }

    /** Runs {@code ssh [args...] login@host [command...]}; {@code args} go before the destination (e.g. {@code -W host:port}). */
    public Result ssh(List<String> args, List<String> command) {
        return sshInBackground(args, command).await(TIMEOUT);
    }

    /** Starts {@code ssh [args...] login@host [command...]} without waiting (e.g. {@code -N -L port:host:port}). */
    public Background sshInBackground(List<String> args, List<String> command) {
        int n = counter.incrementAndGet();
        List<String> cmd = new ArrayList<>(List.of("ssh", "-p", Integer.toString(port), "-n"));
        cmd.addAll(commonOptions());
        cmd.addAll(args);
        cmd.add(login + "@" + host);
        cmd.addAll(command);
        return start(workDir, "ssh-" + n, cmd);
    }

    /** Runs {@code scp [args...] local login@host:remote}, e.g. with {@code -O} for the legacy SCP protocol. */
    public Result scp(List<String> args, Path local, String remote) {
        int n = counter.incrementAndGet();
        List<String> cmd = new ArrayList<>(List.of("scp", "-P", Integer.toString(port)));
        cmd.addAll(commonOptions());
        cmd.addAll(args);
        cmd.add(local.toString());
        cmd.add(login + "@" + host + ":" + remote);
        return start(workDir, "scp-" + n, cmd).await(TIMEOUT);
    }

    /** The caller's options come first: for OpenSSH the first value given for an option wins. */
    private List<String> commonOptions() {
        List<String> o = new ArrayList<>(List.of("-F", "/dev/null", "-i", privateKey.toString()));
        for (String option : options) {
            o.add("-o");
            o.add(option);
        }
        o.addAll(List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR"));
        return o;
    }

    /** A client process running in the background. */
    public static final class Background implements AutoCloseable {
        private final Process process;
        private final Path stdout;
        private final Path stderr;

        private Background(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** What the client has printed on stderr so far. */
        public String stderrSoFar() {
            return read(stderr);
        }

        /** SIGKILL to the client and its {@code ssh} child: the connection drops without any goodbye. */
        public void killAbruptly() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the end (killing the client after {@code timeout}) and returns what it printed. */
        public Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    killAbruptly();
                    throw new IllegalStateException("OpenSSH client still running after " + timeout + ": " + read(stderr));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killAbruptly();
                throw new IllegalStateException("interrupted while waiting for the OpenSSH client", e);
            }
            return new Result(process.exitValue(), read(stdout), read(stderr));
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                killAbruptly();
            }
        }
    }

    /** Runs a tool whose output is a few lines (ssh-keygen), leaving no files behind; stderr goes with stdout. */
    private static Result runSmall(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " still running after " + TIMEOUT);
            }
            return new Result(p.exitValue(), out, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
    }

    private static Background start(Path dir, String name, List<String> cmd) {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            return new Background(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd.get(0), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
