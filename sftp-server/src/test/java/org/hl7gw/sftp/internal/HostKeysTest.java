package org.hl7gw.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.hl7gw.core.ConfigurationException;
import org.hl7gw.sftp.internal.HostKeys.HostKey;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.hl7gw.testkit.ssh.OpenSshClient.KeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeysTest {
    @TempDir
    Path dir;

    @Test
    void aMissingKeyIsCreatedAsEd25519OwnerOnlyWithItsPublicKeyNextToIt() throws IOException {
        Path file = dir.resolve("keys/new/ssh_host_ed25519_key");

        HostKey key = HostKeys.loadOrCreate(List.of(file)).get(0);

        assertThat(HostKeys.newKeyType()).isEqualTo("ssh-ed25519");
        assertThat(key.type()).isEqualTo("ssh-ed25519");
        assertThat(key.fingerprint()).startsWith("SHA256:").isEqualTo(OpenSshClient.fingerprint(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(OpenSshClient.fingerprint(dir.resolve("keys/new/ssh_host_ed25519_key.pub"))).isEqualTo(key.fingerprint());
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("ssh_host_ed25519_key", "ssh_host_ed25519_key.pub");
        }
    }

    @Test
    void anExistingKeyIsLoadedNotReplaced() throws IOException {
        Path file = dir.resolve("ssh_host_ed25519_key");
        String first = HostKeys.loadOrCreate(List.of(file)).get(0).fingerprint();
        byte[] bytes = Files.readAllBytes(file);

        String second = HostKeys.loadOrCreate(List.of(file)).get(0).fingerprint();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void keysMadeBySshKeygenAreLoaded() {
        KeyFiles rsa = OpenSshClient.generateKey(dir, "rsa", "rsa", 2048);
        KeyFiles ecdsa = OpenSshClient.generateKey(dir, "ecdsa", "ecdsa", 384);
        KeyFiles ed = OpenSshClient.generateKey(dir, "ed", "ed25519", 0);

        List<HostKey> keys = HostKeys.loadOrCreate(List.of(rsa.privateKey(), ecdsa.privateKey(), ed.privateKey()));

        assertThat(keys).extracting(HostKey::type).containsExactly("ssh-rsa", "ecdsa-sha2-nistp384", "ssh-ed25519");
        assertThat(keys).extracting(HostKey::fingerprint).containsExactly(OpenSshClient.fingerprint(rsa.privateKey()),
                OpenSshClient.fingerprint(ecdsa.privateKey()), OpenSshClient.fingerprint(ed.privateKey()));
    }

    @Test
    void aKeyWithAPassphraseIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("locked");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret-pass", "-f", file.toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor()).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        assertThatThrownBy(() -> HostKeys.loadOrCreate(List.of(file))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aFileThatIsNoKeyIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-key"), "hello\n");

        assertThatThrownBy(() -> HostKeys.loadOrCreate(List.of(file))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageStartingWith("sftp.hostKeys: ");
    }
}
