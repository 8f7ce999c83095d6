package org.hl7gw.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7gw.sftp.RecordingUploadHandler.Call;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.hl7gw.testkit.ssh.OpenSshClient.Background;
import org.hl7gw.testkit.ssh.OpenSshClient.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two partners, five parallel sftp clients each, half of them with temporary names: each file handed on once. */
class ConcurrentUploadsIT {
    private static final int PER_PARTNER = 5;

    @TempDir
    Path dir;
    SftpTestServer sftp;

    @BeforeEach
    void start() throws IOException {
        assertThat(OpenSshClient.isInstalled()).as("OpenSSH client on PATH").isTrue();
        sftp = SftpTestServer.start(dir);
    }

    @AfterEach
    void stop() {
        sftp.close();
    }

    @Test
    void everyFileOfTwoPartnersUploadingInParallelIsHandedOnExactlyOnce() {
        Map<Path, String> expected = new HashMap<>();
        List<Background> clients = new ArrayList<>();
        try {
            for (String partner : List.of(SftpTestServer.ACME, SftpTestServer.BETA)) {
                OpenSshClient client = sftp.client(partner);
                for (int i = 1; i <= PER_PARTNER; i++) {
                    String name = partner + "-" + i + ".hl7";
                    Path local = sftp.localFile(name, 150_000 + i * 10_000);
                    expected.put(sftp.inbox(partner).resolve(name), SftpTestServer.sha256(local));
                    String[] batch = i % 2 == 0
                            ? new String[] {"put " + local + " inbox/" + name + ".part",
                                "rename inbox/" + name + ".part inbox/" + name}
                            : new String[] {"put " + local + " inbox/" + name};
                    clients.add(client.sftpInBackground(0, batch));
                }
            }
            for (Background c : clients) {
                Result r = c.await(Duration.ofSeconds(60));
                assertThat(r.ok()).as(r.output()).isTrue();
            }
        } finally {
            clients.forEach(Background::close);
        }

        await().until(() -> sftp.handler.calls().size() >= expected.size());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> sftp.handler.calls().size() == expected.size());
        assertThat(sftp.handler.interruptions()).isEmpty();
        assertThat(sftp.handler.uploadedFiles()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Call call : sftp.handler.uploads()) {
            assertThat(call.file()).startsWith(sftp.inbox(call.partnerId()));
            assertThat(SftpTestServer.sha256(call.file())).isEqualTo(expected.get(call.file()));
        }
    }
}
