package org.hl7gw.gateway.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.gateway.cli.Cli;
import org.hl7gw.testkit.Corpus;
import org.hl7gw.testkit.gpg.GnuPg;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send} and {@code rerun} with GnuPG-encrypted, signed files: decrypt before validation, record the signer. */
class EncryptedSendTest {
    @TempDir
    static Path shared;
    static GnuPg gpg;
    static GnuPg.Key gateway;
    static GnuPg.Key partner;
    static GnuPg.Key other;
    static Path gatewaySecret;
    static Path otherSecret;
    static Path partnerPublic;
    static final Path BATCH = Corpus.locate().file("batch/reportstream__sample-batch-pdi-20210608-0001.hl7");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        gpg = GnuPg.create(shared.resolve("gpg"));
        gateway = gpg.generateKey("HL7 Gateway", "gw@example.test", GnuPg.KeyType.RSA_3072);
        other = gpg.generateKey("Old Gateway Key", "old@example.test", GnuPg.KeyType.CURVE_25519);
        partner = gpg.generateKey("Partner Lab", "lab@example.test", GnuPg.KeyType.CURVE_25519);
        gatewaySecret = gpg.exportSecretKey(gateway, shared.resolve("gw-secret.asc"), true);
        otherSecret = gpg.exportSecretKey(other, shared.resolve("old-secret.asc"), true);
        partnerPublic = gpg.exportPublicKey(partner, shared.resolve("lab-public.asc"), true);
    }

    @AfterAll
    static void stopAgent() {
        gpg.close();
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void anEncryptedSignedFileIsDeliveredAndTheLedgerRecordsTheSignerAndKeepsTheEncryptedOriginal() throws Exception {
        Path enc = gpg.encrypt(BATCH, dir.resolve("batch.hl7.gpg"), GnuPg.Options.create().recipient(gateway).signer(partner).armor());
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            Cli r = Cli.run("send", enc.toString(), "--to", "mllp://127.0.0.1:" + peer.port(), "--data-dir", data(),
                    "--decrypt-key", gatewaySecret.toString(), "--verify", partnerPublic.toString(), "--require-signature");

            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(peer.receivedControlIds()).hasSize(20);
        }
        JsonNode f = JSON.readTree(Cli.run("ledger", "files", "--json", "--data-dir", data()).outLines().get(0));
        // the partner's Ed25519 primary key signs
        assertThat(f.get("signerFingerprint").asText()).isEqualToIgnoringCase(partner.fingerprint());
        assertThat(f.get("pgp").asText()).contains("encrypted").contains("MDC");
        // the archive keeps the file exactly as received: still encrypted
        Sha256 sha = Sha256.of(enc);
        assertThat(f.get("sha256").asText()).isEqualTo(sha.hex());
        Path archived = dir.resolve("data/archive").resolve(sha.hex().substring(0, 2)).resolve(sha.hex().substring(2, 4)).resolve(sha.hex());
        assertThat(Files.readAllBytes(archived)).isEqualTo(Files.readAllBytes(enc));
        // no plaintext is left on disk once the file is done
        try (Stream<Path> work = Files.walk(dir.resolve("data/work"))) {
            assertThat(work.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aFileThatFailedDecryptionIsInvalidAndCanBeRerunOnceTheKeyIsFixed() throws Exception {
        Path enc = gpg.encrypt(BATCH, dir.resolve("batch.gpg"), GnuPg.Options.create().recipient(gateway).signer(partner));
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            String to = "mllp://127.0.0.1:" + peer.port();
            Cli wrong = Cli.run("send", enc.toString(), "--to", to, "--data-dir", data(), "--decrypt-key", otherSecret.toString());
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.out()).contains("INVALID").contains("decryption failed");
            assertThat(peer.receivedControlIds()).isEmpty();
            JsonNode f = JSON.readTree(Cli.run("ledger", "files", "--json", "--data-dir", data()).outLines().get(0));
            assertThat(f.get("status").asText()).isEqualTo("INVALID");

            Cli fixed = Cli.run("rerun", f.get("id").asText(), "--data-dir", data(), "--decrypt-key", gatewaySecret.toString(),
                    "--verify", partnerPublic.toString(), "--require-signature");
            assertThat(fixed.exitCode()).as(fixed.out() + fixed.err()).isZero();
            assertThat(peer.receivedControlIds()).hasSize(20);
        }
    }

    @Test
    void aTamperedFileIsRefusedWithItsReasonAndNothingIsSent() throws Exception {
        Path enc = gpg.encrypt(BATCH, dir.resolve("batch.gpg"), GnuPg.Options.create().recipient(gateway).signer(partner));
        byte[] b = Files.readAllBytes(enc);
        b[b.length / 2] ^= 0x20;
        Path tampered = Files.write(dir.resolve("tampered.gpg"), b);
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            Cli r = Cli.run("send", tampered.toString(), "--to", "mllp://127.0.0.1:" + peer.port(), "--data-dir", data(),
                    "--decrypt-key", gatewaySecret.toString(), "--verify", partnerPublic.toString(), "--require-signature");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("INVALID").contains("decryption failed");
            assertThat(peer.receivedControlIds()).isEmpty();
        }
    }

    @Test
    void aPlaintextFileIsRefusedWhenEncryptionIsRequired() throws Exception {
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            Cli r = Cli.run("send", BATCH.toString(), "--to", "mllp://127.0.0.1:" + peer.port(), "--data-dir", data(),
                    "--decrypt-key", gatewaySecret.toString(), "--require-encryption");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("INVALID").contains("not OpenPGP-encrypted");
            assertThat(peer.receivedControlIds()).isEmpty();
        }
    }
}
