package org.hl7gw.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real local account for servers that log users in through the operating system (OpenSSH with a password,
 * vsftpd through PAM). vsftpd refuses {@code root} ({@code /etc/ftpusers}), and a folder {@code root} owns is
 * no test of permissions, so tests log in as this user.
 *
 * <p>{@link #ensure} creates the account when it is missing ({@code useradd -m -s /bin/bash NAME}) and sets
 * its password every time ({@code chpasswd}, which also unlocks it: OpenSSH without PAM refuses even key logins
 * of a locked account). It needs root, which tests have here and in CI. Running it twice is harmless.
 *
 * @param name the login
 * @param password its password (a test secret; handed to servers' clients through files, never command lines)
 * @param home its home folder
 */
public record LocalUser(String name, String password, Path home) {
    /** The account the server launchers use unless told otherwise. */
    public static final String TEST_LOGIN = "hl7gwtest";
    private static final String TEST_PASSWORD = "hl7gw-Test-Pass1";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public LocalUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(home, "home");
    }

    /** The shared test account, created if missing. */
    public static LocalUser testUser() {
        return ensure(TEST_LOGIN, TEST_PASSWORD);
    }

    /**
     * Creates the account if missing and sets its password.
     *
     * @throws IllegalStateException when not run as root or a tool fails (with its output)
     */
    public static synchronized LocalUser ensure(String name, String password) {
        if (!name.matches("[a-z_][a-z0-9_-]{0,30}")) {
            throw new IllegalArgumentException("not a portable user name: " + name);
        }
        if (password.indexOf(':') >= 0 || password.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("chpasswd cannot set a password with ':' or a line break");
        }
        if (run(List.of("id", "-u", name), null).exitCode() != 0) {
            Result created = run(List.of("useradd", "-m", "-s", "/bin/bash", name), null);
            // another process may have created it meanwhile
            if (created.exitCode() != 0 && run(List.of("id", "-u", name), null).exitCode() != 0) {
                throw new IllegalStateException("useradd " + name + " failed (tests must run as root): " + created.output());
            }
        }
        Result set = run(List.of("chpasswd"), name + ":" + password + "\n");
        if (set.exitCode() != 0) {
            throw new IllegalStateException("chpasswd for " + name + " failed (tests must run as root): " + set.output());
        }
        Result home = run(List.of("getent", "passwd", name), null);
        String[] fields = home.output().trim().split(":");
        if (home.exitCode() != 0 || fields.length < 6) {
            throw new IllegalStateException("getent passwd " + name + " failed: " + home.output());
        }
        return new LocalUser(name, password, Path.of(fields[5]));
    }

    /**
     * Creates {@code dir} (and missing parents) owned by this user with mode 755, and lets others traverse its
     * ancestors (adds o+x where missing: JUnit's {@code @TempDir} is mode 700), so that the user can reach it.
     * Files root writes into it stay readable and, since the user owns the folder, deletable and renamable.
     */
    public Path ownedFolder(Path dir) {
        try {
            Path absolute = dir.toAbsolutePath().normalize();
            Files.createDirectories(absolute);
            for (Path p = absolute.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(p, perms);
                }
            }
            chown(absolute);
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwxr-xr-x"));
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for " + name, e);
        }
    }

    /** Makes this user the owner of a file or folder (not recursive). */
    public void chown(Path path) {
        try {
            UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(owner);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + path + " to " + name, e);
        }
    }

    @Override
    public String toString() {
        return "LocalUser[" + name + ", home=" + home + ", password=***]";
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " still running after " + TIMEOUT);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
