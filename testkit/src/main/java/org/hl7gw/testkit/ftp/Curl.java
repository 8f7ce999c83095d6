package org.hl7gw.testkit.ftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real {@code curl} as an FTPS client, the way partners script it:
 * {@code curl -sS --ssl-reqd -T file ftp://host:port/inbox/x.hl7} (explicit) or {@code ftps://} (implicit).
 *
 * <p>The login goes to curl in a netrc file in the scratch folder ({@code --netrc-file}), never on its command
 * line. The server certificate is checked against the given trusted certificate ({@code --cacert}); without
 * one curl runs with {@code -k}.
 *
 * <p>Pitfalls: curl removes {@code ..} and {@code .} from URLs unless given {@code --path-as-is} (use it to send
 * such paths to a server); a path starting at the server's root is written {@code %2F} in the URL
 * ({@code ftp://host/%2Fetc/passwd}); netrc cannot carry passwords with blanks.
 */
public final class Curl {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final AtomicLong COUNTER = new AtomicLong();

    /** How much of the connection curl protects with TLS (explicit mode; implicit mode is always TLS). */
    public enum Protection {
        /** {@code --ssl-reqd}: control and data connections over TLS, or fail. */
        ALL("--ssl-reqd"),
        /** {@code --ftp-ssl-control}: TLS for the login, clear data connections. */
        CONTROL_ONLY("--ftp-ssl-control"),
        /** No TLS at all: a plain-text login. */
        NONE();

        private final List<String> options;

        Protection(String... options) {
            this.options = List.of(options);
        }
    }

    private final Path scratch;
    private final Path trustedCertificate;

    /**
     * @param scratch folder for netrc files and curl's output
     * @param trustedCertificate the server's (self-signed) certificate to trust; null for {@code -k}
     */
    public Curl(Path scratch, Path trustedCertificate) {
        this.scratch = scratch;
        this.trustedCertificate = trustedCertificate;
    }

    public static boolean isInstalled() {
        return ProgramRun.isInstalled("curl");
    }

    /**
     * The curl command for a URL path on the endpoint, with full protection unless the options say otherwise.
     *
     * @param remotePath the path after {@code host:port/}, such as {@code inbox/x.hl7} or {@code outbox/}
     */
    public List<String> command(FtpsEndpoint endpoint, Protection protection, String remotePath, String... options) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--netrc-file", netrc(endpoint).toString(),
                "--connect-timeout", "20"));
        if (!endpoint.implicit()) {
            command.addAll(protection.options);
        }
        if (trustedCertificate != null) {
            command.addAll(List.of("--cacert", trustedCertificate.toString()));
        } else {
            command.add("-k");
        }
        command.addAll(Arrays.asList(options));
        command.add(endpoint.baseUrl() + "/" + remotePath);
        return command;
    }

    /** Uploads a file (STOR) to {@code remotePath}. */
    public ProgramRun.Outcome upload(FtpsEndpoint endpoint, Path file, String remotePath, String... options) {
        return run(endpoint, Protection.ALL, remotePath, withUpload(file, options));
    }

    /** Starts an upload and returns at once, for tests that kill the client mid-transfer. */
    public ProgramRun.Running startUpload(FtpsEndpoint endpoint, Path file, String remotePath, String... options) {
        return ProgramRun.start(command(endpoint, Protection.ALL, remotePath, withUpload(file, options)), scratch);
    }

    /** Downloads {@code remotePath} to {@code target}. */
    public ProgramRun.Outcome download(FtpsEndpoint endpoint, String remotePath, Path target, String... options) {
        List<String> all = new ArrayList<>(List.of("-o", target.toString()));
        all.addAll(Arrays.asList(options));
        return run(endpoint, Protection.ALL, remotePath, all.toArray(new String[0]));
    }

    /** Lists a folder by names ({@code NLST}); give the folder path with a trailing slash. */
    public ProgramRun.Outcome listNames(FtpsEndpoint endpoint, String remoteFolder, String... options) {
        List<String> all = new ArrayList<>(List.of("-l"));
        all.addAll(Arrays.asList(options));
        return run(endpoint, Protection.ALL, remoteFolder, all.toArray(new String[0]));
    }

    /** Runs curl on a URL path with the given protection and options. */
    public ProgramRun.Outcome run(FtpsEndpoint endpoint, Protection protection, String remotePath, String... options) {
        return ProgramRun.run(command(endpoint, protection, remotePath, options), scratch, TIMEOUT);
    }

    private static String[] withUpload(Path file, String... options) {
        List<String> all = new ArrayList<>(List.of("-T", file.toString()));
        all.addAll(Arrays.asList(options));
        return all.toArray(new String[0]);
    }

    private Path netrc(FtpsEndpoint endpoint) {
        try {
            Files.createDirectories(scratch);
            Path file = scratch.resolve("netrc-" + COUNTER.incrementAndGet());
            Files.writeString(file, "machine " + endpoint.host() + " login " + endpoint.login() + " password " + endpoint.password() + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a netrc file in " + scratch, e);
        }
    }
}
