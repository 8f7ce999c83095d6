package org.hl7gw.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A SHA-256 digest as 64 lower-case hex digits: how files and messages are identified in the ledger and archive. */
public record Sha256(String hex) {
    public Sha256 {
        Objects.requireNonNull(hex, "hex");
        if (!isLowerHex64(hex)) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + hex);
        }
    }

    /** 64 characters, each 0-9 or a-f (checked per message on the hot path: no regular expression). */
    private static boolean isLowerHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public static Sha256 of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static Sha256 of(byte[] bytes, int offset, int length) {
        MessageDigest digest = newDigest();
        digest.update(bytes, offset, length);
        return new Sha256(HexFormat.of().formatHex(digest.digest()));
    }

    /** Hashes a whole stream without holding it in memory; does not close it. */
    public static Sha256 of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return new Sha256(HexFormat.of().formatHex(digest.digest()));
    }

    public static Sha256 of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static Sha256 of(MessageDigest finished) {
        return new Sha256(HexFormat.of().formatHex(finished.digest()));
    }

    /** The first 12 hex digits, enough to tell files apart in a log line. */
    public String shortForm() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return hex;
    }
}
