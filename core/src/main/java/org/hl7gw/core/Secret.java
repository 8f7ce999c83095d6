package org.hl7gw.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Where a secret (a passphrase, a password) is kept: an environment variable or a file. Never the secret
 * itself in configuration or on a command line. The value is read when needed and handed out as a
 * {@code char[]} that the caller wipes.
 */
public record Secret(Kind kind, String name) {

    public enum Kind { ENV, FILE }

    public Secret {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a secret needs an environment variable name or a file path");
        }
    }

    public static Secret env(String variable) {
        return new Secret(Kind.ENV, variable);
    }

    public static Secret file(Path path) {
        return new Secret(Kind.FILE, path.toString());
    }

    /** Reads the secret from the process environment or its file. */
    public char[] read() {
        return read(System.getenv());
    }

    /**
     * Reads the secret. A file's content is taken up to its first line break (so an editor's trailing
     * newline is not part of the passphrase), read as UTF-8.
     *
     * @throws ConfigurationException naming the variable or file when it is missing or unreadable
     */
    public char[] read(Map<String, String> environment) {
        if (kind == Kind.ENV) {
            String value = environment.get(name);
            if (value == null) {
                throw new ConfigurationException("env " + name, "environment variable is not set");
            }
            return value.toCharArray();
        }
        try {
            byte[] bytes = Files.readAllBytes(Path.of(name));
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            char[] chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end)).array();
            char[] exact = Arrays.copyOf(chars, countChars(bytes, end));
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(chars, '\0');
            return exact;
        } catch (IOException e) {
            throw new ConfigurationException("file " + name, "cannot read secret file: " + e.getClass().getSimpleName(), e);
        }
    }

    private static int countChars(byte[] bytes, int end) {
        return new String(bytes, 0, end, StandardCharsets.UTF_8).length();
    }

    /** Where it is kept, never what it is: "env GATEWAY_PGP_PASSPHRASE" or "file /etc/hl7gw/pass". */
    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env " : "file ") + name;
    }
}
