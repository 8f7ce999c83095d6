package org.hl7gw.ftps.support;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.PartnerDirectory;

/** A partner directory for tests that keeps PBKDF2-HMAC-SHA256 hashes only, as the real one must. */
public final class Pbkdf2Directory implements PartnerDirectory {
    private static final int ITERATIONS = 10_000;

    private record Entry(PartnerAccount account, byte[] salt, byte[] hash) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Adds a partner with a password (null: an account that has no password, e.g. SFTP keys only). */
    public PartnerAccount add(String partnerId, String login, Path home, String password) {
        PartnerAccount account = new PartnerAccount(partnerId, login, home);
        byte[] salt = null;
        byte[] hash = null;
        if (password != null) {
            salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            hash = hash(password.toCharArray(), salt);
        }
        entries.put(login, new Entry(account, salt, hash));
        return account;
    }

    @Override
    public Optional<PartnerAccount> account(String login) {
        return Optional.ofNullable(entries.get(login)).map(Entry::account);
    }

    @Override
    public boolean passwordMatches(String login, char[] password) {
        Entry e = entries.get(login);
        if (e == null || e.hash() == null) {
            return false;
        }
        return MessageDigest.isEqual(e.hash(), hash(password, e.salt()));
    }

    @Override
    public boolean keyAuthorized(String login, PublicKey key) {
        return false;
    }

    private static byte[] hash(char[] password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
