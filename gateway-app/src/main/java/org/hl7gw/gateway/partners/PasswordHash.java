package org.hl7gw.gateway.partners;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A partner's password as it is stored: never the password, only a slow salted hash.
 *
 * <ul>
 *   <li>bcrypt, as {@code htpasswd -B} writes it: {@code $2a$}, {@code $2b$} or {@code $2y$} (an htpasswd line
 *       {@code login:$2y$...} is accepted too);</li>
 *   <li>PBKDF2: {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} with base64 salt and hash, as
 *       {@code gateway password-hash} writes it (310,000 iterations by default).</li>
 * </ul>
 */
public final class PasswordHash {
    public static final int DEFAULT_PBKDF2_ITERATIONS = 310_000;
    private static final int MIN_PBKDF2_ITERATIONS = 10_000;

    private enum Kind { BCRYPT, PBKDF2 }

    private final Kind kind;
    private final String encoded;

    private PasswordHash(Kind kind, String encoded) {
        this.kind = kind;
        this.encoded = encoded;
    }

    /**
     * Parses a stored hash.
     *
     * @throws IllegalArgumentException naming the accepted forms when it is neither (the text itself is not repeated)
     */
    public static PasswordHash parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int colon = t.indexOf(':');
        if (colon > 0 && t.substring(colon + 1).startsWith("$2")) {
            t = t.substring(colon + 1);
        }
        if (t.startsWith("$2a$") || t.startsWith("$2b$") || t.startsWith("$2y$")) {
            if (t.length() != 60) {
                throw new IllegalArgumentException("a bcrypt hash is 60 characters long");
            }
            return new PasswordHash(Kind.BCRYPT, t);
        }
        if (t.startsWith("pbkdf2-sha256:")) {
            String[] p = t.split(":");
            if (p.length != 4) {
                throw new IllegalArgumentException("a PBKDF2 hash is pbkdf2-sha256:ITERATIONS:SALT:HASH");
            }
            int iterations;
            try {
                iterations = Integer.parseInt(p[1]);
                Base64.getDecoder().decode(p[2]);
                Base64.getDecoder().decode(p[3]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a PBKDF2 hash is pbkdf2-sha256:ITERATIONS:SALT:HASH with base64 salt and hash");
            }
            if (iterations < MIN_PBKDF2_ITERATIONS) {
                throw new IllegalArgumentException("PBKDF2 with fewer than " + MIN_PBKDF2_ITERATIONS + " iterations is too weak");
            }
            return new PasswordHash(Kind.PBKDF2, t);
        }
        throw new IllegalArgumentException("not a password hash: expected bcrypt ($2a$/$2b$/$2y$, as htpasswd -B writes) "
                + "or pbkdf2-sha256:ITERATIONS:SALT:HASH (gateway password-hash)");
    }

    /** Hashes a new password with PBKDF2-HMAC-SHA256 and a random salt. */
    public static PasswordHash pbkdf2(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations, 32);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return new PasswordHash(Kind.PBKDF2, "pbkdf2-sha256:" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash));
    }

    /** Compares in constant time with respect to the stored hash. */
    public boolean matches(char[] password) {
        if (kind == Kind.BCRYPT) {
            return OpenBSDBCrypt.checkPassword(encoded.replaceFirst("^\\$2y\\$", "\\$2b\\$"), password);
        }
        String[] p = encoded.split(":");
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] expected = Base64.getDecoder().decode(p[3]);
        byte[] actual = pbkdf2(password, salt, Integer.parseInt(p[1]), expected.length);
        boolean same = MessageDigest.isEqual(expected, actual);
        Arrays.fill(actual, (byte) 0);
        return same;
    }

    /** The stored form (safe to write to a file: it is a hash). */
    public String encoded() {
        return encoded;
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is in every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return kind == Kind.BCRYPT ? "bcrypt hash" : "PBKDF2 hash";
    }

    static byte[] utf8(char[] c) {
        return new String(c).getBytes(StandardCharsets.UTF_8);
    }
}
