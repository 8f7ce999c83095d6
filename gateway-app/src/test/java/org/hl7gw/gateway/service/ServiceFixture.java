package org.hl7gw.gateway.service;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.gateway.config.ConfigLoader;
import org.hl7gw.gateway.partners.PasswordHash;
import org.hl7gw.ledger.FileQuery;
import org.hl7gw.ledger.FileRecord;
import org.hl7gw.testkit.ftp.FtpsEndpoint;
import org.hl7gw.testkit.ftp.SelfSignedCertificate;
import org.hl7gw.testkit.ssh.OpenSshClient;

/**
 * A running gateway service for tests: real SFTP and FTPS servers on free loopback ports, partners with
 * ssh-keygen keys and passwords, and one destination (usually a HAPI MLLP peer).
 */
final class ServiceFixture implements AutoCloseable {
    static final String PASSWORD = "s3cret-for-tests";

    final Path dir;
    final Map<String, OpenSshClient.KeyFiles> keys = new LinkedHashMap<>();
    final SelfSignedCertificate certificate;
    private final int destinationPort;
    private final String ftpsMode;
    private final List<String> partners;
    private final String extraPartnerYaml;
    GatewayService service;

    ServiceFixture(Path dir, int destinationPort, String ftpsMode, List<String> partners, String extraPartnerYaml) throws IOException {
        this.dir = dir;
        this.destinationPort = destinationPort;
        this.ftpsMode = ftpsMode;
        this.partners = partners;
        this.extraPartnerYaml = extraPartnerYaml;
        Path keyDir = Files.createDirectories(dir.resolve("keys"));
        for (String p : partners) {
            OpenSshClient.KeyFiles k = OpenSshClient.generateKey(keyDir, p + "_ed25519");
            keys.put(p, k);
            Files.writeString(keyDir.resolve(p + ".authorized_keys"), k.publicKeyLine() + "\n");
        }
        Files.writeString(keyDir.resolve("password.hash"), PasswordHash.pbkdf2(PASSWORD.toCharArray(), 10_000).encoded() + "\n");
        certificate = SelfSignedCertificate.create(Files.createDirectories(dir.resolve("tls")));
    }

    Path config() throws IOException {
        StringBuilder yaml = new StringBuilder();
        yaml.append("dataDir: ./data\n");
        yaml.append("servers:\n  sftp:\n    listen: 127.0.0.1:0\n    failedLoginDelay: 100ms\n");
        if (ftpsMode != null) {
            yaml.append("  ftps:\n    listen: 127.0.0.1:0\n    mode: ").append(ftpsMode).append("\n    certificate: ")
                    .append(certificate.certificate()).append("\n    privateKey: ").append(certificate.privateKey())
                    .append("\n    failedLoginDelay: 100ms\n");
        }
        yaml.append("destinations:\n  - id: lis\n    url: mllp://127.0.0.1:").append(destinationPort)
                .append("\n    ackTimeout: 5s\n    retry: { maxAttempts: 3, backoff: 50ms, maxBackoff: 200ms }\n");
        yaml.append("partners:\n");
        for (String p : partners) {
            yaml.append("  - id: ").append(p).append("\n    authorizedKeys: ./keys/").append(p).append(".authorized_keys\n")
                    .append("    passwordHash: { file: ./keys/password.hash }\n    destination: lis\n    files: [\"*.hl7\", \"*.txt\", \"*.pgp\"]\n")
                    .append("    results: [json, hl7-ack]\n").append(extraPartnerYaml);
        }
        Path f = dir.resolve("gateway.yaml");
        Files.writeString(f, yaml.toString(), StandardCharsets.UTF_8);
        return f;
    }

    ServiceFixture start() throws IOException {
        service = new GatewayService(new ConfigLoader().load(config()), Clock.systemUTC());
        service.start(new PrintStream(java.io.OutputStream.nullOutputStream()));
        return this;
    }

    void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    OpenSshClient sftp(String partner) {
        return OpenSshClient.connect(dir.resolve("ssh-" + partner), "127.0.0.1", service.sftpPort().orElseThrow(), partner,
                keys.get(partner).privateKey());
    }

    FtpsEndpoint ftps(String partner) {
        int port = service.ftpsPort().orElseThrow();
        return "implicit".equals(ftpsMode) ? FtpsEndpoint.implicit(port, partner, PASSWORD) : FtpsEndpoint.explicit(port, partner, PASSWORD);
    }

    Path home(String partner) {
        return dir.resolve("data/partners").resolve(partner);
    }

    List<FileRecord> files() {
        return service.workspace().ledger().files(FileQuery.newest(FileQuery.MAX_LIMIT));
    }

    List<FileRecord> finished() {
        List<FileRecord> out = new ArrayList<>();
        for (FileRecord f : files()) {
            if (f.status() == FileStatus.INVALID || f.status() == FileStatus.DUPLICATE || (f.status() != FileStatus.RECEIVED && f.settled())) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public void close() {
        stop();
    }
}
