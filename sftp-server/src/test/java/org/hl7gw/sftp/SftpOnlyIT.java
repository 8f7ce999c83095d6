package org.hl7gw.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.hl7gw.testkit.ssh.OpenSshClient.Background;
import org.hl7gw.testkit.ssh.OpenSshClient.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server speaks SFTP and nothing else: no shell, no commands, no legacy SCP, no forwarding. */
class SftpOnlyIT {
    @TempDir
    static Path dir;
    static SftpTestServer sftp;
    static OpenSshClient acme;

    @BeforeAll
    static void start() throws IOException {
        assertThat(OpenSshClient.isInstalled()).as("OpenSSH client on PATH").isTrue();
        sftp = SftpTestServer.start(dir);
        acme = sftp.client(SftpTestServer.ACME).withOptions("LogLevel=INFO");
    }

    @AfterAll
    static void stop() {
        sftp.close();
    }

    @Test
    void aCommandIsNotRun() {
        Result r = acme.ssh(List.of(), List.of("id"));

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.stdout()).doesNotContain("uid=");
    }

    @Test
    void thereIsNoShell() {
        Result r = acme.ssh(List.of("-T"), List.of());

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.stderr()).contains("shell request failed");
    }

    @Test
    void legacyScpIsRefusedWhileScpOverSftpIsAnOrdinaryUpload() {
        Path local = sftp.localFile("scp.hl7", 1000);

        Result legacy = acme.scp(List.of("-O"), local, "inbox/legacy.hl7");
        Result overSftp = acme.scp(List.of(), local, "inbox/modern.hl7");

        assertThat(legacy.ok()).as(legacy.output()).isFalse();
        assertThat(sftp.inbox(SftpTestServer.ACME).resolve("legacy.hl7")).doesNotExist();
        assertThat(overSftp.ok()).as(overSftp.output()).isTrue();
        await().until(() -> sftp.handler.uploadedFiles().contains(sftp.inbox(SftpTestServer.ACME).resolve("modern.hl7")));
    }

    @Test
    void aDirectTcpipChannelIsRefused() {
        // -W opens the same "direct-tcpip" channel as -L, at once
        Result r = acme.ssh(List.of("-W", "127.0.0.1:" + sftp.port()), List.of());

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.stderr()).contains("open failed");
    }

    @Test
    void localPortForwardingCarriesNothing() throws IOException {
        int localPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            localPort = probe.getLocalPort();
        }
        try (Background tunnel = acme.sshInBackground(
                List.of("-N", "-o", "ExitOnForwardFailure=yes", "-L", localPort + ":127.0.0.1:" + sftp.port()), List.of())) {
            Socket socket = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> new Socket("127.0.0.1", localPort), s -> true);
            try (socket; InputStream in = socket.getInputStream()) {
                socket.setSoTimeout(10_000);
                assertThat(in.read()).as("the tunnel must not reach the SSH banner").isEqualTo(-1);
            }
            await().untilAsserted(() -> assertThat(tunnel.stderrSoFar()).contains("open failed"));
        }
    }

    @Test
    void remotePortForwardingIsRefused() {
        Result r = acme.ssh(List.of("-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:" + sftp.port()), List.of());

        assertThat(r.ok()).as(r.output()).isFalse();
        assertThat(r.stderr()).contains("remote port forwarding failed");
    }
}
