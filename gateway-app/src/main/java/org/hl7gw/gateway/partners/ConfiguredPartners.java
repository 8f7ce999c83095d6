package org.hl7gw.gateway.partners;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.core.partner.PartnerAccount;
import org.hl7gw.core.partner.PartnerDirectory;
import org.hl7gw.gateway.config.PartnerConfig;

/**
 * The partners of the configuration as the SFTP and FTPS servers see them. Authorized keys are read at start
 * (a bad file stops the start, naming it). A login that does not exist still costs a hash comparison, so the
 * time a refusal takes does not tell which logins exist.
 */
public final class ConfiguredPartners implements PartnerDirectory {
    private static final PasswordHash DECOY = PasswordHash.pbkdf2("no such login".toCharArray(), PasswordHash.DEFAULT_PBKDF2_ITERATIONS);

    private record Entry(PartnerAccount account, Optional<PasswordHash> password, List<PublicKey> keys) {
    }

    private final Map<String, Entry> byLogin;

    public ConfiguredPartners(List<PartnerConfig> partners) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (PartnerConfig p : partners) {
            List<PublicKey> keys = p.authorizedKeys().map(f -> readKeys(p.id(), f)).orElse(List.of());
            m.put(p.account().login(), new Entry(p.account(), p.passwordHash(), keys));
        }
        this.byLogin = Collections.unmodifiableMap(m);
    }

    private static List<PublicKey> readKeys(String partner, Path file) {
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (AuthorizedKeyEntry e : AuthorizedKeyEntry.readAuthorizedKeys(file)) {
                keys.add(e.resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
            }
            if (keys.isEmpty()) {
                throw new ConfigurationException("partners[" + partner + "].authorizedKeys", "no key in " + file);
            }
            return List.copyOf(keys);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof ConfigurationException ce) {
                throw ce;
            }
            throw new ConfigurationException("partners[" + partner + "].authorizedKeys",
                    "cannot read OpenSSH public keys from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<PartnerAccount> account(String login) {
        return Optional.ofNullable(byLogin.get(login)).map(Entry::account);
    }

    @Override
    public boolean passwordMatches(String login, char[] password) {
        Entry e = byLogin.get(login);
        if (e == null || e.password().isEmpty()) {
            DECOY.matches(password);
            return false;
        }
        return e.password().get().matches(password);
    }

    @Override
    public boolean keyAuthorized(String login, PublicKey key) {
        Entry e = byLogin.get(login);
        if (e == null) {
            return false;
        }
        for (PublicKey k : e.keys()) {
            if (KeyUtils.compareKeys(k, key)) {
                return true;
            }
        }
        return false;
    }

    public List<PartnerAccount> accounts() {
        return byLogin.values().stream().map(Entry::account).toList();
    }
}
