package org.hl7gw.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.hl7gw.testkit.ssh.OpenSshClient.KeyFiles;
import org.hl7gw.testkit.ssh.OpenSshClient.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only modern algorithms: OpenSSH 9.2 cannot connect when told to use only a weak one, can with each modern one,
 * and sees exactly the expected lists; the host keys and their fingerprints are what the server says.
 */
class AlgorithmsIT {
    @TempDir
    static Path dir;
    static SftpTestServer sftp;
    static LogCapture log;
    static Path generatedKey;
    static KeyFiles rsaHostKey;
    static KeyFiles ecdsaHostKey;
    static KeyFiles carolRsaKey;

    /** One server for the class: making RSA keys for every test would cost seconds each. */
    @BeforeAll
    static void start() throws IOException {
        assertThat(OpenSshClient.isInstalled()).as("OpenSSH client on PATH").isTrue();
        Path hostDir = Files.createDirectories(dir.resolve("host"));
        generatedKey = hostDir.resolve("ssh_host_ed25519_key");
        rsaHostKey = OpenSshClient.generateKey(hostDir, "ssh_host_rsa_key", "rsa", 3072);
        ecdsaHostKey = OpenSshClient.generateKey(hostDir, "ssh_host_ecdsa_key", "ecdsa", 256);
        log = new LogCapture(PartnerSftpServer.class);
        sftp = SftpTestServer.start(dir, s -> s.withHostKeys(List.of(generatedKey, rsaHostKey.privateKey(),
                ecdsaHostKey.privateKey())));
        carolRsaKey = OpenSshClient.generateKey(Files.createDirectories(dir.resolve("carol")), "carol_rsa", "rsa", 3072);
        sftp.partners.add("carol", sftp.homes.resolve("carol"), null, carolRsaKey.publicKey());
    }

    @AfterAll
    static void stop() {
        sftp.close();
        log.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Ciphers=aes128-cbc", "Ciphers=aes256-cbc", "Ciphers=3des-cbc",
        "KexAlgorithms=diffie-hellman-group1-sha1", "KexAlgorithms=diffie-hellman-group14-sha1",
        "KexAlgorithms=diffie-hellman-group-exchange-sha1",
        "MACs=hmac-sha1", "MACs=hmac-md5", "MACs=hmac-sha1-etm@openssh.com", "MACs=umac-128@openssh.com",
        "HostKeyAlgorithms=ssh-rsa", "HostKeyAlgorithms=ssh-dss"})
    void openSshCannotConnectWithOnlyAWeakAlgorithm(String option) {
        OpenSshClient client = sftp.plainClient(SftpTestServer.ACME).withOptions("LogLevel=INFO")
                .withOptions(withCtrCipherForMacs(option));

        Result r = client.sftp("ls");

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.stderr()).contains("Unable to negotiate").contains("no matching");
    }

    @Test
    void aUserKeySignedWithSha1RsaIsRefusedAndTheSameKeyWithSha2Works() {
        OpenSshClient carol = sftp.plainClient("carol").as("carol", carolRsaKey.privateKey());

        Result sha1 = carol.withOptions("PubkeyAcceptedAlgorithms=ssh-rsa").sftp("ls");
        Result sha2 = carol.withOptions("PubkeyAcceptedAlgorithms=rsa-sha2-256").sftp("ls");

        assertThat(sha1.ok()).as(sha1.output()).isFalse();
        assertThat(sha1.stderr()).contains("Permission denied");
        assertThat(sha2.ok()).as(sha2.output()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Ciphers=chacha20-poly1305@openssh.com", "Ciphers=aes256-gcm@openssh.com", "Ciphers=aes128-gcm@openssh.com",
        "Ciphers=aes256-ctr", "Ciphers=aes192-ctr", "Ciphers=aes128-ctr",
        "KexAlgorithms=sntrup761x25519-sha512@openssh.com", "KexAlgorithms=sntrup761x25519-sha512",
        "KexAlgorithms=curve25519-sha256", "KexAlgorithms=curve25519-sha256@libssh.org",
        "KexAlgorithms=ecdh-sha2-nistp256", "KexAlgorithms=ecdh-sha2-nistp384", "KexAlgorithms=ecdh-sha2-nistp521",
        "KexAlgorithms=diffie-hellman-group18-sha512", "KexAlgorithms=diffie-hellman-group16-sha512",
        "KexAlgorithms=diffie-hellman-group14-sha256",
        "MACs=hmac-sha2-512-etm@openssh.com", "MACs=hmac-sha2-256-etm@openssh.com", "MACs=hmac-sha2-512",
        "MACs=hmac-sha2-256",
        "HostKeyAlgorithms=ssh-ed25519", "HostKeyAlgorithms=ecdsa-sha2-nistp256", "HostKeyAlgorithms=rsa-sha2-512",
        "HostKeyAlgorithms=rsa-sha2-256"})
    void openSshConnectsWithEachModernAlgorithm(String option) {
        OpenSshClient client = sftp.plainClient(SftpTestServer.ACME).withOptions(withCtrCipherForMacs(option));

        Result r = client.sftp("ls");

        assertThat(r.ok()).as(r.output()).isTrue();
    }

    @Test
    void theServerOffersExactlyTheModernLists() {
        Result r = sftp.plainClient(SftpTestServer.ACME).withOptions("LogLevel=DEBUG2").sftp("ls");

        assertThat(r.ok()).as(r.output()).isTrue();
        Map<String, List<String>> offer = serverProposal(r.stderr());
        assertThat(offer.get("KEX algorithms")).filteredOn(a -> !a.startsWith("ext-info") && !a.startsWith("kex-strict"))
                .containsExactly("mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
                        "curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp521", "ecdh-sha2-nistp384",
                        "ecdh-sha2-nistp256", "diffie-hellman-group18-sha512", "diffie-hellman-group16-sha512",
                        "diffie-hellman-group14-sha256");
        assertThat(offer.get("host key algorithms")).containsExactlyInAnyOrder("ssh-ed25519", "ecdsa-sha2-nistp256",
                "rsa-sha2-512", "rsa-sha2-256");
        assertThat(offer.get("ciphers ctos")).containsExactly("chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com",
                "aes128-gcm@openssh.com", "aes256-ctr", "aes192-ctr", "aes128-ctr");
        assertThat(offer.get("ciphers stoc")).isEqualTo(offer.get("ciphers ctos"));
        assertThat(offer.get("MACs ctos")).containsExactly("hmac-sha2-512-etm@openssh.com",
                "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512", "hmac-sha2-256");
        assertThat(offer.get("MACs stoc")).isEqualTo(offer.get("MACs ctos"));
        assertThat(offer.get("KEX algorithms")).as("strict key exchange against the Terrapin attack")
                .contains("kex-strict-s-v00@openssh.com");
        assertThat(r.stderr()).contains("kex: algorithm: sntrup761x25519-sha512")
                .contains("remote software version HL7GW_SFTP");
    }

    @Test
    void theFingerprintsTheServerLogsAreWhatSshKeygenAndTheClientSee() throws IOException {
        String ed25519 = OpenSshClient.fingerprint(generatedKey);
        List<String> expected = List.of(ed25519, OpenSshClient.fingerprint(rsaHostKey.privateKey()),
                OpenSshClient.fingerprint(ecdsaHostKey.privateKey()));

        assertThat(sftp.server.hostKeyFingerprints()).isEqualTo(expected);
        assertThat(log.messages(Level.INFO)).anySatisfy(m -> assertThat(m).startsWith("SFTP host key ssh-ed25519 " + ed25519))
                .anySatisfy(m -> assertThat(m).startsWith("SFTP host key ssh-rsa " + expected.get(1)))
                .anySatisfy(m -> assertThat(m).startsWith("SFTP host key ecdsa-sha2-nistp256 " + expected.get(2)))
                .anySatisfy(m -> assertThat(m).startsWith("SFTP server listening on 127.0.0.1:" + sftp.port() + " ("));
        assertThat(OpenSshClient.fingerprint(generatedKey.resolveSibling("ssh_host_ed25519_key.pub"))).isEqualTo(ed25519);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(generatedKey))).isEqualTo("rw-------");

        Result r = sftp.plainClient(SftpTestServer.ACME).withOptions("LogLevel=DEBUG1", "HostKeyAlgorithms=ssh-ed25519")
                .sftp("ls");
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(r.stderr()).contains("Server host key: ssh-ed25519 " + ed25519);
    }

    @Test
    void aGeneratedHostKeyIsKeptAcrossRestarts() throws IOException {
        String first = sftp.server.hostKeyFingerprints().get(0);
        byte[] keyFile = Files.readAllBytes(generatedKey);

        try (PartnerSftpServer again = new PartnerSftpServer(sftp.settings, sftp.partners, sftp.handler)) {
            again.start();
            assertThat(again.hostKeyFingerprints()).isEqualTo(sftp.server.hostKeyFingerprints());
            assertThat(again.hostKeyFingerprints().get(0)).isEqualTo(first);
        }
        assertThat(Files.readAllBytes(generatedKey)).isEqualTo(keyFile);
    }

    /** A MAC is negotiated only with a cipher that has none of its own (not chacha20 or GCM). */
    private static String[] withCtrCipherForMacs(String option) {
        return option.startsWith("MACs=") ? new String[] {option, "Ciphers=aes128-ctr"} : new String[] {option};
    }

    /** The "peer server KEXINIT proposal" section of ssh -vv: "debug2: ciphers ctos: a,b" -> {ciphers ctos=[a, b]}. */
    private static Map<String, List<String>> serverProposal(String debug) {
        Map<String, List<String>> offer = new TreeMap<>();
        boolean inServer = false;
        for (String line : debug.lines().toList()) {
            if (line.contains("peer server KEXINIT proposal")) {
                inServer = true;
            } else if (inServer && line.startsWith("debug2: ") && line.contains(": ")) {
                String body = line.substring("debug2: ".length());
                int colon = body.indexOf(": ");
                if (colon < 0) {
                    break;
                }
                offer.put(body.substring(0, colon), new ArrayList<>(Arrays.asList(body.substring(colon + 2).split(","))));
                if (body.startsWith("reserved")) {
                    break;
                }
            }
        }
        return offer;
    }
}
