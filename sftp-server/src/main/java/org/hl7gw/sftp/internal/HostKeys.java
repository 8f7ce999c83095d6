package org.hl7gw.sftp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.hl7gw.core.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's host keys: loads each configured file, or creates it when it does not exist yet.
 *
 * <p>A new key is Ed25519 (what OpenSSH itself prefers). Only when this JVM cannot make Ed25519 keys (Bouncy
 * Castle missing from the class path) is it ECDSA P-256, with a warning. The private key is written in OpenSSH
 * format with mode 0600 (created with that mode, never widened later), then renamed into place so a crash never
 * leaves half a key; the public key goes next to it as {@code <file>.pub} for operators to hand to partners.
 *
 * <p>Pitfalls: host keys with a passphrase are refused (the server must start unattended); an existing key file
 * readable by group or others is used but logged at WARN.
 */
public final class HostKeys {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeys.class);
    private static final String SETTING = "sftp.hostKeys";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** One loaded host key and what partners compare it with. */
    public record HostKey(Path file, KeyPair keyPair, String type, String fingerprint) {
        public HostKey {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(keyPair, "keyPair");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    private HostKeys() {
    }

    /**
     * Loads every file, creating the missing ones.
     *
     * @throws ConfigurationException naming the file when it cannot be read, parsed or created
     */
    public static List<HostKey> loadOrCreate(List<Path> files) {
        List<HostKey> keys = new ArrayList<>();
        for (Path file : files) {
            KeyPair pair = Files.exists(file) ? load(file) : create(file);
            String type = KeyUtils.getKeyType(pair);
            keys.add(new HostKey(file, pair, type, KeyUtils.getFingerPrint(pair.getPublic())));
        }
        return List.copyOf(keys);
    }

    /** The algorithm a new host key gets here: {@code ssh-ed25519}, or {@code ecdsa-sha2-nistp256} without EdDSA support. */
    public static String newKeyType() {
        return SecurityUtils.isEDDSACurveSupported() ? KeyPairProvider.SSH_ED25519 : KeyPairProvider.ECDSA_SHA2_NISTP256;
    }

    private static KeyPair load(Path file) {
        warnIfReadableByOthers(file);
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in,
                    (session, resource, retry) -> {
                        throw new IOException("host keys with a passphrase are not supported");
                    });
            if (pairs == null || !pairs.iterator().hasNext()) {
                throw new ConfigurationException(SETTING, "no private key found in " + file);
            }
            return pairs.iterator().next();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof ConfigurationException ce) {
                throw ce;
            }
            throw new ConfigurationException(SETTING, "cannot read host key " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair create(Path file) {
        String type = newKeyType();
        if (!KeyPairProvider.SSH_ED25519.equals(type)) {
            LOG.warn("Ed25519 is not available in this JVM (Bouncy Castle missing?): creating an ECDSA P-256 host key {}", file);
        }
        try {
            KeyPair pair = KeyUtils.generateKeyPair(type, 256);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            String comment = "hl7gw-sftp@" + file.getFileName();
            Path tmp = dir.resolve("." + file.getFileName() + ".new");
            Files.deleteIfExists(tmp);
            try (OutputStream out = Files.newOutputStream(createOwnerOnly(tmp), StandardOpenOption.WRITE)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
            }
            moveIntoPlace(tmp, file);
            Path pub = dir.resolve(file.getFileName() + ".pub");
            try (OutputStream out = Files.newOutputStream(pub)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), comment, out);
            }
            LOG.info("created a new {} host key {}", type, file);
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(SETTING, "cannot create host key " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path createOwnerOnly(Path file) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createFile(file, mode);
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file); // not a POSIX file system
        }
    }

    private static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> !OWNER_ONLY.contains(p) && p != PosixFilePermission.OWNER_EXECUTE)) {
                LOG.warn("host key {} is accessible to group or others ({}); make it mode 0600", file,
                        PosixFilePermissions.toString(perms));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot read the permissions of host key {}", file, e);
        }
    }
}
