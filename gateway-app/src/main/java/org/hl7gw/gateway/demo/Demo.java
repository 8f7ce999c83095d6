package org.hl7gw.gateway.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.gateway.config.ConfigLoader;
import org.hl7gw.gateway.config.GatewayConfig;
import org.hl7gw.gateway.service.GatewayService;
import org.hl7gw.ledger.FileQuery;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.pgp.PgpEncryptor;
import org.hl7gw.pgp.PgpKeyGenerator;

/**
 * {@code gateway demo}: the whole path on one machine with no setup. A gateway key pair, a demo partner with
 * its own SSH and OpenPGP keys, the service with an embedded MLLP receiver (HAPI) as destination; then, as the
 * partner, a real batch from the corpus is signed, encrypted and uploaded over SFTP, and followed until its
 * messages were acknowledged.
 */
public final class Demo implements AutoCloseable {
    private final Path work;
    private final PrintStream out;
    private DemoReceiver receiver;
    private GatewayService service;
    private Path partnerSshKey;
    private Path gatewayPublicKey;
    private Path partnerSecretKey;
    private int sftpPort;
    private String hostKeyFingerprint;

    public Demo(Path work, PrintStream out) {
        this.work = work;
        this.out = out;
    }

    /** Sets everything up and starts the service. */
    public void start() throws Exception {
        Path keys = Files.createDirectories(work.resolve("keys"));
        out.println("== demo folder " + work);
        PgpKeyGenerator pgp = new PgpKeyGenerator();
        gatewayPublicKey = keys.resolve("gateway-public.asc");
        pgp.generate("HL7 Gateway (demo)", "gateway@demo.invalid", null, gatewayPublicKey, keys.resolve("gateway-secret.asc"));
        Path partnerPublic = keys.resolve("partner-public.asc");
        partnerSecretKey = keys.resolve("partner-secret.asc");
        pgp.generate("Demo Lab", "lab@demo.invalid", null, partnerPublic, partnerSecretKey);
        out.println("   OpenPGP keys: gateway (decrypts) and partner (signs), Ed25519/Cv25519");

        partnerSshKey = keys.resolve("partner_ed25519");
        KeyPair ssh = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        try (OutputStream o = Files.newOutputStream(partnerSshKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(ssh, "demo-partner", null, o);
        }
        Files.setPosixFilePermissions(partnerSshKey, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(keys.resolve("partner_authorized_keys"), PublicKeyEntry.toString(ssh.getPublic()) + " demo-partner\n");
        out.println("   SSH key of the partner: " + partnerSshKey);

        receiver = new DemoReceiver();
        receiver.start();
        out.println("   MLLP receiver (HAPI) listening on 127.0.0.1:" + receiver.port());

        Path config = work.resolve("gateway.yaml");
        Files.writeString(config, """
                dataDir: ./data
                servers:
                  sftp:
                    listen: 127.0.0.1:0
                    hostKeys: [./data/ssh_host_ed25519_key]
                destinations:
                  - id: demo-lis
                    url: mllp://127.0.0.1:%d
                    ackTimeout: 10s
                partners:
                  - id: demo-lab
                    login: demo
                    authorizedKeys: ./keys/partner_authorized_keys
                    files: ["*.hl7", "*.pgp", "*.gpg", "*.asc"]
                    destination: demo-lis
                    results: [json, hl7-ack]
                    pgp:
                      decryptionKeys: [./keys/gateway-secret.asc]
                      signers: [./keys/partner-public.asc]
                      signature: required
                      requireEncryption: true
                """.formatted(receiver.port()), StandardCharsets.UTF_8);
        GatewayConfig cfg = new ConfigLoader().load(config);
        service = new GatewayService(cfg, Clock.systemUTC());
        out.println("== starting the gateway (" + config + ")");
        service.start(out);
        sftpPort = service.sftpPort().orElseThrow();
        hostKeyFingerprint = service.hostKeyFingerprints().orElseThrow().get(0);
    }

    /** As the partner: sign and encrypt the batch, upload it by SFTP (temporary name, then rename). */
    public String upload(Path batch) throws Exception {
        String name = batch.getFileName().toString() + ".pgp";
        Path encrypted = work.resolve(name);
        try (var in = Files.newInputStream(batch); var o = Files.newOutputStream(encrypted)) {
            PgpEncryptor.builder().recipients(List.of(gatewayPublicKey)).signWith(List.of(partnerSecretKey)).armor(true)
                    .fileName(batch.getFileName().toString()).build().encrypt(in, o);
        }
        out.println("== as the partner: signed and encrypted " + batch.getFileName() + " (" + Files.size(batch) + " bytes) -> " + name);
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(pinned(hostKeyFingerprint));
            client.start();
            try (ClientSession session = client.connect("demo", "127.0.0.1", sftpPort).verify(Duration.ofSeconds(10)).getSession()) {
                session.addPublicKeyIdentity(loadKey());
                session.auth().verify(Duration.ofSeconds(10));
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    try (OutputStream o = sftp.write("inbox/" + name + ".part")) {
                        Files.copy(encrypted, o);
                    }
                    sftp.rename("inbox/" + name + ".part", "inbox/" + name);
                }
            }
        }
        out.println("   uploaded over SFTP to inbox/" + name + " (as " + name + ".part, then renamed)");
        return name;
    }

    /** Waits until the uploaded file's messages all have an outcome; returns its ledger record. */
    public Optional<FileRecord> awaitDelivery(String name, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<FileRecord> f = service.workspace().ledger().files(FileQuery.newest(20)).stream()
                    .filter(r -> r.originalName().equals(name)).findFirst();
            if (f.isPresent() && (f.get().status() == FileStatus.INVALID || f.get().status() == FileStatus.DUPLICATE
                    || (f.get().status() != FileStatus.RECEIVED && f.get().settled()))) {
                Thread.sleep(1500);  // let the result file be written
                return service.workspace().ledger().file(f.get().id());
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    public void printOutcome(FileRecord f, String name) throws IOException {
        out.println("== ledger");
        out.printf("   file %d %s: %s, %d batch(es), %d messages: delivered %d, rejected %d, failed %d, pending %d%n", f.id(), f.originalName(),
                f.status(), f.batches(), f.messages(), f.delivered(), f.rejected(), f.failed(), f.pending());
        f.decryptionRecord().ifPresent(d -> out.println("   " + d.details()));
        out.println("   the MLLP receiver acknowledged " + receiver.received() + " message(s)");
        Path result = service.workspace().dataDir().resolve("partners").resolve("demo-lab").resolve("outbox").resolve(name + ".result.json");
        out.println("== result file for the partner: outbox/" + result.getFileName());
        if (Files.exists(result)) {
            Files.readAllLines(result).forEach(l -> out.println("   " + l));
        } else {
            out.println("   (not written yet)");
        }
    }

    public void printHowToUpload() {
        out.println("== the gateway keeps running. Upload yourself with the real OpenSSH client:");
        out.println("   ./gateway encrypt corpus/batch/reportstream__test-0001-az-covid-19-hl7.hl7 --recipient " + gatewayPublicKey
                + " --sign-key " + partnerSecretKey + " --armor --out /tmp/my-batch.hl7.pgp");
        out.println("   echo 'put /tmp/my-batch.hl7.pgp inbox/' | sftp -i " + partnerSshKey + " -P " + sftpPort
                + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null demo@127.0.0.1");
        out.println("   ./gateway ledger files --data-dir " + service.workspace().dataDir());
        out.println("   (host key " + hostKeyFingerprint + "). Ctrl-C stops the demo.");
    }

    private KeyPair loadKey() throws Exception {
        try (var in = Files.newInputStream(partnerSshKey)) {
            return org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(null, null, in, null).iterator().next();
        }
    }

    private static ServerKeyVerifier pinned(String fingerprint) {
        return (session, address, key) -> KeyUtils.getFingerPrint(key).equals(fingerprint);
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }
}
