package org.hl7gw.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hl7gw.core.delivery.AckCode;
import org.hl7gw.testkit.mllp.HapiMllpPeer;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway run} as a real process: ledger commands work while it runs, SIGTERM stops it cleanly; and {@code demo --once}. */
class ServiceProcessIT {
    @TempDir
    Path dir;

    @Test
    void theServiceRunsTakesAnUploadAnswersLedgerCommandsAndStopsCleanlyOnSigterm() throws Exception {
        try (HapiMllpPeer peer = HapiMllpPeer.start(HapiMllpPeer.Script.always(AckCode.AA))) {
            OpenSshClient.KeyFiles key = OpenSshClient.generateKey(Files.createDirectories(dir.resolve("keys")), "acme_ed25519");
            Files.writeString(dir.resolve("keys/acme.pub"), key.publicKeyLine() + "\n");
            Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, """
                    dataDir: ./data
                    servers:
                      sftp: { listen: 127.0.0.1:0 }
                    destinations:
                      - { id: lis, url: "mllp://127.0.0.1:%d" }
                    partners:
                      - { id: acme, authorizedKeys: ./keys/acme.pub, destination: lis, files: ["*.hl7"] }
                    """.formatted(peer.port()));
            Process gw = new ProcessBuilder(java(), "-jar", GatewayJar.jar().toString(), "run", "--config", config.toString())
                    .redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(gw.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (java.io.IOException e) {
                    // process ended
                }
            });
            reader.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> l.startsWith("gateway running")));
                int port = Integer.parseInt(lines.stream().filter(l -> l.startsWith("SFTP server listening on")).findFirst().orElseThrow()
                        .replaceAll(".*:", ""));
                assertThat(lines).anySatisfy(l -> assertThat(l).contains("host key SHA256:"));

                Path batch = org.hl7gw.testkit.Corpus.locate().file("batch/reportstream__sample-batch-pdi-20210608-0001.hl7");
                OpenSshClient client = OpenSshClient.connect(dir.resolve("ssh"), "127.0.0.1", port, "acme", key.privateKey());
                assertThat(client.sftp("put " + batch + " inbox/pdi.hl7").ok()).isTrue();
                await().atMost(Duration.ofSeconds(60)).until(() -> peer.receivedControlIds().size() == 20);

                // the ledger answers while the service holds the database
                await().atMost(Duration.ofSeconds(30)).until(() -> GatewayJar.run(dir, List.of(), "ledger", "files", "--data-dir",
                        dir.resolve("data").toString()).out().contains("COMPLETED"));
            } finally {
                gw.toHandle().destroy();   // SIGTERM (Process.destroy() would also close our end of its output pipe)
                assertThat(gw.waitFor(60, TimeUnit.SECONDS)).isTrue();
                reader.join(5000);
            }
            assertThat(gw.exitValue()).as("exit value after SIGTERM; output:\n" + String.join("\n", lines)).isIn(0, 143);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("gateway stopped"));
        }
    }

    @Test
    void theDemoDeliversAPartnersEncryptedBatchAndExitsZero() throws Exception {
        GatewayJar.Result demo = GatewayJar.run(dir, List.of(), "demo", "--once", "--work", dir.resolve("demo").toString());
        assertThat(demo.exitCode()).as(demo.out() + demo.stderr()).isZero();
        assertThat(demo.out()).contains("uploaded over SFTP").contains("delivered 20").contains("the MLLP receiver acknowledged 20 message(s)")
                .contains("\"status\" : \"COMPLETED\"").contains("== OK");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
