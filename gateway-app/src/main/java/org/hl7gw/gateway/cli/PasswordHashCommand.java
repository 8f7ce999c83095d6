package org.hl7gw.gateway.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.hl7gw.core.Secret;
import org.hl7gw.gateway.partners.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway password-hash}: the stored form of a partner's password, for its {@code passwordHash} file. */
@Command(name = "password-hash", mixinStandardHelpOptions = true,
        description = "Print the PBKDF2 hash of a partner's password, to store in the file its passwordHash points to. "
                + "The password is read from --password-env, --password-file, or the first line of standard input; never an argument.")
final class PasswordHashCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--password-env", paramLabel = "VAR")
    String env;

    @Option(names = "--password-file", paramLabel = "FILE")
    java.nio.file.Path file;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "310000", description = "PBKDF2 iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    PasswordHashCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        char[] password;
        if (env != null) {
            password = Secret.env(env).read();
        } else if (file != null) {
            password = Secret.file(file).read();
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("no password on standard input");
            }
            password = line.toCharArray();
        }
        try {
            terminal.out().println(PasswordHash.pbkdf2(password, iterations).encoded());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        return ExitCodes.OK;
    }
}
