package org.hl7gw.poller;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How a poller logs in: an SFTP private key (OpenSSH or PEM format, with an optional passphrase) and/or a
 * password, and the password of a PKCS12 truststore for FTPS.
 *
 * <p>The caller reads the secrets (with {@link org.hl7gw.core.Secret}) and hands them over as {@code char[]};
 * this class keeps its own copies and hands out copies, so that the caller may wipe its arrays. Its
 * {@code toString} never shows a secret. Pitfall: MINA SSHD and Commons Net take passwords as {@code String},
 * so a password lives as a String for the length of a login.
 */
public final class Credentials {
    private static final Credentials NONE = new Credentials(null, null, null, null);

    private final Path privateKey;
    private final char[] passphrase;
    private final char[] password;
    private final char[] truststorePassword;

    private Credentials(Path privateKey, char[] passphrase, char[] password, char[] truststorePassword) {
        this.privateKey = privateKey;
        this.passphrase = copy(passphrase);
        this.password = copy(password);
        this.truststorePassword = copy(truststorePassword);
    }

    /** No credentials (file:// pollers). */
    public static Credentials none() {
        return NONE;
    }

    /** A password login. */
    public static Credentials password(char[] password) {
        return NONE.withPassword(password);
    }

    /** A key login; {@code passphrase} may be null for an unencrypted key. */
    public static Credentials privateKey(Path keyFile, char[] passphrase) {
        return NONE.withPrivateKey(keyFile, passphrase);
    }

    public Credentials withPassword(char[] newPassword) {
        Objects.requireNonNull(newPassword, "password");
        return new Credentials(privateKey, passphrase, newPassword, truststorePassword);
    }

    public Credentials withPrivateKey(Path keyFile, char[] keyPassphrase) {
        Objects.requireNonNull(keyFile, "keyFile");
        return new Credentials(keyFile, keyPassphrase, password, truststorePassword);
    }

    /** The password of a PKCS12 truststore (FTPS), if it has one. */
    public Credentials withTruststorePassword(char[] newPassword) {
        Objects.requireNonNull(newPassword, "truststorePassword");
        return new Credentials(privateKey, passphrase, password, newPassword);
    }

    public Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** A copy of the key's passphrase, if any; wipe it after use. */
    public Optional<char[]> passphrase() {
        return Optional.ofNullable(copy(passphrase));
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** A copy of the password, if any; wipe it after use. */
    public Optional<char[]> password() {
        return Optional.ofNullable(copy(password));
    }

    public Optional<char[]> truststorePassword() {
        return Optional.ofNullable(copy(truststorePassword));
    }

    private static char[] copy(char[] chars) {
        return chars == null ? null : Arrays.copyOf(chars, chars.length);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Credentials[");
        if (privateKey != null) {
            b.append("privateKey=").append(privateKey).append(passphrase != null ? " (passphrase ***)" : "");
        }
        if (password != null) {
            b.append(privateKey != null ? ", " : "").append("password=***");
        }
        if (privateKey == null && password == null) {
            b.append("none");
        }
        return b.append(']').toString();
    }
}
