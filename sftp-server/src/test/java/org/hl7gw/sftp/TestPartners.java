package org.hl7gw.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.PartnerDirectory;

/**
 * A partner directory for tests: passwords kept as PBKDF2-HMAC-SHA256 hashes with a random salt (compared in
 * constant time), public keys read from OpenSSH {@code .pub} files.
 */
final class TestPartners implements PartnerDirectory {
    private static final int ITERATIONS = 10_000;

    private record Entry(PartnerAccount account, byte[] salt, byte[] hash, List<PublicKey> keys) {
    }

    private final Map<String, Entry> byLogin = new ConcurrentHashMap<>();

    /** Adds a partner whose login is its id, with an optional password and the keys of the given .pub files. */
    TestPartners add(String login, Path home, String password, Path... publicKeyFiles) {
        byte[] salt = null;
        byte[] hash = null;
        if (password != null) {
            salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            hash = pbkdf2(password.toCharArray(), salt);
        }
        List<PublicKey> keys = java.util.Arrays.stream(publicKeyFiles).map(TestPartners::readPublicKey).toList();
        byLogin.put(login, new Entry(new PartnerAccount(login, login, home), salt, hash, keys));
        return this;
    }

    @Override
    public Optional<PartnerAccount> account(String login) {
        return Optional.ofNullable(byLogin.get(login)).map(Entry::account);
    }

    @Override
    public boolean passwordMatches(String login, char[] password) {
        Entry e = byLogin.get(login);
        if (e == null || e.hash() == null) {
            return false;
        }
        return MessageDigest.isEqual(e.hash(), pbkdf2(password, e.salt()));
    }

    @Override
    public boolean keyAuthorized(String login, PublicKey key) {
        Entry e = byLogin.get(login);
        return e != null && e.keys().stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
    }

    private static byte[] pbkdf2(char[] password, byte[] salt) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }

    static PublicKey readPublicKey(Path pubFile) {
        try {
            String line = Files.readString(pubFile, StandardCharsets.US_ASCII).trim();
            return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
