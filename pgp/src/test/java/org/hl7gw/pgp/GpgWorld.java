package org.hl7gw.pgp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.hl7gw.testkit.gpg.GnuPg;
import org.hl7gw.testkit.gpg.GnuPg.Key;
import org.hl7gw.testkit.gpg.GnuPg.KeyType;
import org.hl7gw.testkit.gpg.GnuPg.Options;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One GnuPG home with the keys every test needs, made once per test run (key generation is the slow part)
 * and shared by the test classes that declare {@code @ExtendWith(GpgWorld.Extension.class)} and take a
 * {@code GpgWorld} parameter. The gateway's keys, partners' keys, a stranger, an expired and a revoked
 * signer; their exported key files; and messages by the expired and revoked signers made before their keys
 * expired or were revoked, as happens in real life.
 */
public final class GpgWorld implements AutoCloseable {
    static final String PASSPHRASE = "correct horse battery staple";

    final Path dir;
    final GnuPg gpg;

    // the gateway's keys
    final Key gatewayRsa;
    final Key gatewayEd;
    final Key gatewayP256;
    final Key gatewayP384;
    final Key gatewayProtected;
    // partners
    final Key partnerEd;
    final Key partnerRsa;
    final Key stranger;
    final Key expiredSigner;
    final Key revokedSigner;

    /** A message signed by {@link #expiredSigner} after its key expired; and by {@link #revokedSigner} before revocation. */
    final Path expiredSignerMessage;
    final Path revokedSignerMessage;
    final byte[] signerTestPayload;

    private GpgWorld(Path dir) {
        long started = System.nanoTime();
        this.dir = dir;
        this.gpg = GnuPg.create(dir);
        // a crashed test JVM still stops its gpg-agent
        Runtime.getRuntime().addShutdownHook(new Thread(gpg::close, "gpg-agent-stop"));
        gatewayRsa = gpg.generateKey("Gateway RSA", "gw-rsa@gateway.test", KeyType.RSA_3072);
        gatewayEd = gpg.generateKey("Gateway Ed", "gw-ed@gateway.test", KeyType.CURVE_25519);
        gatewayP256 = gpg.generateKey("Gateway P256", "gw-p256@gateway.test", KeyType.NIST_P256);
        gatewayP384 = gpg.generateKey("Gateway P384", "gw-p384@gateway.test", KeyType.NIST_P384);
        gatewayProtected = gpg.generateKey("Gateway Protected", "gw-pass@gateway.test", KeyType.CURVE_25519, PASSPHRASE, null);
        partnerEd = gpg.generateKey("Partner Lab", "lab@partner.test", KeyType.CURVE_25519);
        partnerRsa = gpg.generateKey("Partner Hospital", "hospital@partner.test", KeyType.RSA_3072);
        stranger = gpg.generateKey("Stranger", "someone@elsewhere.test", KeyType.CURVE_25519);

        signerTestPayload = "MSH|^~\\&|LAB|PARTNER|GW|HOSP|20240101120000||ORU^R01|CTRL1|P|2.5\r".getBytes(StandardCharsets.ISO_8859_1);
        Path payload = write("signer-payload.hl7", signerTestPayload);

        // a key made 30 days ago without expiry; it signs now; then its expiry is set to 1 day after creation,
        // as of 1 hour after creation: the signature is made after the key expired
        Instant longAgo = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        expiredSigner = gpg.generateKey("Expired Partner", "expired@partner.test", KeyType.CURVE_25519, null, longAgo);
        expiredSignerMessage = gpg.encrypt(payload, dir.resolve("expired-signer.gpg"),
                Options.create().recipient(gatewayEd).signer(expiredSigner));
        gpg.setExpiry(expiredSigner, longAgo.plus(1, ChronoUnit.HOURS), "1d");

        revokedSigner = gpg.generateKey("Revoked Partner", "revoked@partner.test", KeyType.CURVE_25519);
        revokedSignerMessage = gpg.encrypt(payload, dir.resolve("revoked-signer.gpg"),
                Options.create().recipient(gatewayEd).signer(revokedSigner));
        gpg.revoke(revokedSigner);
        System.out.printf("GnuPG world (%s) with 10 keys ready in %d ms%n", gpg.version(), (System.nanoTime() - started) / 1_000_000);
    }

    static GpgWorld create() {
        try {
            return new GpgWorld(Files.createTempDirectory("gpgw"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The armored public key of {@code key}, exported once. */
    Path publicKey(Key key) {
        return export(key, false, true);
    }

    /** The armored secret key of {@code key}, exported once. */
    Path secretKey(Key key) {
        return export(key, true, true);
    }

    synchronized Path export(Key key, boolean secret, boolean armor) {
        Path file = dir.resolve(key.email() + (secret ? ".sec" : ".pub") + (armor ? ".asc" : ".gpg"));
        if (!Files.exists(file)) {
            if (secret) {
                gpg.exportSecretKey(key, file, armor);
            } else {
                gpg.exportPublicKey(key, file, armor);
            }
        }
        return file;
    }

    /** A decryptor with this gateway key (no passphrase) and these signers (signatures REQUIRED when there are any). */
    PgpDecryptor decryptor(Key gatewayKey, Key... signers) {
        PgpDecryptor.Builder b = PgpDecryptor.builder().decryptionKeys(List.of(secretKey(gatewayKey)));
        if (signers.length > 0) {
            b.signers(Stream.of(signers).map(this::publicKey).toList());
        }
        return b.build();
    }

    Path write(String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        gpg.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir; nothing more to do
        }
    }

    /** Resolves {@code GpgWorld} parameters with one instance per test run, closed at the end of the run. */
    public static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == GpgWorld.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(GpgWorld.class));
            // an AutoCloseable in the root store is closed when the whole run ends
            return store.getOrComputeIfAbsent("world", k -> create(), GpgWorld.class);
        }
    }
}
