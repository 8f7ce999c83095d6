package org.hl7gw.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.hl7gw.pgp.internal.KeyFileParser;
import org.hl7gw.pgp.internal.KeyIds;
import org.hl7gw.pgp.internal.Sourced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads key files: armored or binary, one or several keys per file (what {@code gpg --export} and
 * {@code gpg --export-secret-keys} write, with or without {@code --armor}). Errors name the file.
 */
public final class PgpKeys {
    private static final Logger LOG = LoggerFactory.getLogger(PgpKeys.class);

    private PgpKeys() {
    }

    /** Reads secret keys (the gateway's own) from these files. */
    public static PgpSecretKeys readSecretKeys(Path... files) {
        return readSecretKeys(List.of(files));
    }

    /**
     * Reads secret keys from these files.
     *
     * @throws KeyFileException naming the file when one is missing, unreadable, not a key, or holds public keys only
     */
    public static PgpSecretKeys readSecretKeys(List<Path> files) {
        List<Sourced<PGPSecretKeyRing>> rings = new ArrayList<>();
        for (Path file : files) {
            rings.addAll(secretRings(parse(file)));
        }
        return new PgpSecretKeys(rings);
    }

    /** Reads secret keys from a stream (not closed); {@code source} names it in errors. */
    public static PgpSecretKeys readSecretKeys(InputStream in, String source) {
        return new PgpSecretKeys(secretRings(KeyFileParser.read(in, source)));
    }

    /** Reads public keys (partners' certificates) from these files. */
    public static PgpPublicKeys readPublicKeys(Path... files) {
        return readPublicKeys(List.of(files));
    }

    /**
     * Reads public keys from these files. A file holding secret keys is accepted: its public halves are used.
     *
     * @throws KeyFileException naming the file when one is missing, unreadable or not a key
     */
    public static PgpPublicKeys readPublicKeys(List<Path> files) {
        List<Sourced<PGPPublicKeyRing>> rings = new ArrayList<>();
        for (Path file : files) {
            rings.addAll(publicRings(parse(file)));
        }
        return new PgpPublicKeys(rings);
    }

    /** Reads public keys from a stream (not closed); {@code source} names it in errors. */
    public static PgpPublicKeys readPublicKeys(InputStream in, String source) {
        return new PgpPublicKeys(publicRings(KeyFileParser.read(in, source)));
    }

    static KeyFileParser.Parsed parse(Path file) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return KeyFileParser.read(in, source);
        } catch (NoSuchFileException e) {
            throw new KeyFileException("key file " + source + " does not exist", e);
        } catch (IOException e) {
            throw new KeyFileException("cannot read key file " + source + ": " + e.getMessage(), e);
        }
    }

    private static List<Sourced<PGPSecretKeyRing>> secretRings(KeyFileParser.Parsed parsed) {
        if (parsed.secretRings().isEmpty()) {
            List<String> ids = parsed.publicRings().stream().map(r -> KeyIds.ox(r.getPublicKey().getKeyID())).toList();
            throw new KeyFileException(parsed.source() + " holds public keys only (" + String.join(", ", ids)
                    + "); a secret key is needed (gpg --export-secret-keys)");
        }
        return parsed.secretRings().stream().map(r -> new Sourced<>(r, parsed.source())).toList();
    }

    private static List<Sourced<PGPPublicKeyRing>> publicRings(KeyFileParser.Parsed parsed) {
        if (!parsed.secretRings().isEmpty()) {
            LOG.warn("{} holds secret keys; only their public halves are used here. Keep secret keys out of public-key files.",
                    parsed.source());
        }
        return parsed.allPublicRings().stream().map(r -> new Sourced<>(r, parsed.source())).toList();
    }
}
