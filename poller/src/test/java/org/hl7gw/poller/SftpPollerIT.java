package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.poller.PollReport.SkipReason;
import org.hl7gw.testkit.ftp.ProgramRun;
import org.hl7gw.testkit.servers.LocalUser;
import org.hl7gw.testkit.servers.OpenSshServer;
import org.hl7gw.testkit.ssh.OpenSshClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poller against the real OpenSSH server (sshd 9.x, internal-sftp) on loopback. */
class SftpPollerIT extends RemotePollerContract {
    @TempDir
    static Path serverDir;
    static LocalUser user;
    static OpenSshServer sshd;
    static String pin;

    @BeforeAll
    static void startSshd() {
        user = LocalUser.testUser();
        sshd = OpenSshServer.builder(serverDir.resolve("sshd"), user).passwordAuthentication(true).start();
        pin = sshd.hostKeyFingerprint();
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.stop();
        }
    }

    @Override
    protected LocalUser user() {
        return user;
    }

    @Override
    protected String url(Path folder) {
        return sshd.sftpUrl(folder);
    }

    @Override
    protected PollerSettings.Builder settingsForUrl(String id, String url) {
        return PollerSettings.builder(id, url).hostKey(pin).credentials(Credentials.privateKey(sshd.clientKey().privateKey(), null))
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(20));
    }

    @Override
    protected PollerSettings.Builder settingsWithPassword(String id, Path folder, char[] password) {
        return PollerSettings.builder(id, url(folder)).hostKey(pin).credentials(Credentials.password(password)).stableFor(Duration.ZERO);
    }

    @Override
    protected int port() {
        return sshd.port();
    }

    @Override
    protected void killServer() {
        sshd.kill();
    }

    @Override
    protected void startServer() {
        if (!sshd.isRunning()) {
            sshd.start();
        }
    }

    @Override
    protected String permissionDeniedText() {
        return "permission denied";
    }

    // ------------------------------------------------------------------ host keys

    @Test
    void acceptsTheServerWhoseHostKeyMatchesThePinnedFingerprint() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        assertThat(pin).matches("SHA256:[A-Za-z0-9+/]{43}");

        PollReport report = poller(settings("pinned", folder).hostKey(pin).stableFor(Duration.ZERO).build()).run();

        assertThat(report.outcome()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(intake.names()).containsExactly("a.hl7");
    }

    @Test
    void refusesAChangedHostKeyNamingTheExpectedAndTheActualFingerprint() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        OpenSshClient.KeyFiles previousKey = OpenSshClient.generateKey(temp, "previous_host_key");
        String expected = OpenSshClient.fingerprint(previousKey.publicKey());

        PollReport report = poller(settings("pinned", folder).hostKey(expected).stableFor(Duration.ZERO).build()).run();

        assertThat(report.outcome()).isEqualTo(PollOutcome.FAILED);
        assertThat(report.message()).contains("host key").contains("expected " + expected).contains("presented " + pin);
        assertThat(intake.received()).isEmpty();
        assertThat(names(folder)).containsExactly("a.hl7");
    }

    @Test
    void insecureModeAcceptsAnyHostKeyAndWarnsAtEveryRun() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        Poller poller = poller(PollerSettings.builder("trusting", url(folder)).insecureAcceptAnyHostKey(true)
                .credentials(Credentials.privateKey(sshd.clientKey().privateKey(), null)).stableFor(Duration.ZERO).build());

        try (LogCapture log = new LogCapture()) {
            PollReport first = poller.run();
            PollReport second = poller.run();

            assertThat(first.outcome()).isEqualTo(PollOutcome.SUCCEEDED);
            assertThat(second.outcome()).isEqualTo(PollOutcome.SUCCEEDED);
            assertThat(intake.names()).containsExactly("a.hl7");
            assertThat(log.warnings().stream().filter(w -> w.contains("polled insecurely"))).hasSize(2);
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("hostKey: " + pin));
        }
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void logsInWithAPassphraseProtectedKey() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        Path key = temp.resolve("partner_ed25519");
        ProgramRun.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "correct horse", "-C", "protected", "-f", key.toString()),
                temp.resolve("keygen"), Duration.ofSeconds(30)).check();
        sshd.authorize(new OpenSshClient.KeyFiles(key, Path.of(key + ".pub")).publicKeyLine());

        PollReport ok = poller(settings("keyed", folder).credentials(Credentials.privateKey(key, "correct horse".toCharArray()))
                .stableFor(Duration.ZERO).build()).run();

        assertThat(ok.outcome()).as(ok.toString()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(intake.names()).containsExactly("a.hl7");

        write(folder, "b.hl7");
        PollReport wrong = poller(settings("keyed-typo", folder).credentials(Credentials.privateKey(key, "wrong horse".toCharArray()))
                .stableFor(Duration.ZERO).build()).run();

        assertThat(wrong.outcome()).isEqualTo(PollOutcome.FAILED);
        assertThat(wrong.message()).contains("cannot read private key " + key).doesNotContain("wrong horse");
    }

    @Test
    void logsInWithAPassword() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");

        PollReport report = poller(settingsWithPassword("passworded", folder, user.password().toCharArray()).build()).run();

        assertThat(report.outcome()).as(report.toString()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(intake.names()).containsExactly("a.hl7");
    }

    // ------------------------------------------------------------------ algorithms

    @Test
    void anOldServerOfferingOnlySha1AlgorithmsNeedsTheLegacyOptIn() {
        try (OpenSshServer old = OpenSshServer.builder(temp.resolve("old-sshd"), user).hostKeyType("rsa")
                .config("HostKeyAlgorithms ssh-rsa", "KexAlgorithms diffie-hellman-group14-sha1").start()) {
            Path folder = newFolder("outbound");
            write(folder, "a.hl7");
            PollerSettings.Builder base = PollerSettings.builder("mainframe", old.sftpUrl(folder)).hostKey(old.hostKeyFingerprint())
                    .credentials(Credentials.privateKey(old.clientKey().privateKey(), null)).stableFor(Duration.ZERO);

            PollReport modern = poller(base.build()).run();

            assertThat(modern.outcome()).isEqualTo(PollOutcome.FAILED);
            assertThat(modern.message()).contains("no algorithms in common").contains("legacyAlgorithms: true");
            assertThat(intake.received()).isEmpty();

            PollReport legacy = poller(base.legacyAlgorithms(true).build()).run();

            assertThat(legacy.outcome()).as(legacy.toString()).isEqualTo(PollOutcome.SUCCEEDED);
            assertThat(intake.names()).containsExactly("a.hl7");
        }
    }

    // ------------------------------------------------------------------ circuit breaker

    @Test
    void theCircuitOpensAfterFailedRunsSkipsRunsWithoutContactingTheServerAndClosesAfterASuccess() throws Exception {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        MutableClock clock = new MutableClock(Instant.parse("2024-05-01T02:00:00Z"));
        try (TcpGate gate = new TcpGate(sshd.port())) {
            String url = url(folder).replace(":" + sshd.port() + "/", ":" + gate.port() + "/");
            PollerSettings settings = settingsForUrl("flaky", url).stableFor(Duration.ZERO)
                    .circuitBreaker(2, Duration.ofMinutes(1), Duration.ofMinutes(3)).build();
            Poller poller = new Poller(settings, claims, status, intake, work, clock);

            assertThat(poller.run().outcome()).isEqualTo(PollOutcome.FAILED);
            assertThat(status.status("flaky").circuitOpenUntil()).isEmpty();
            assertThat(poller.run().outcome()).isEqualTo(PollOutcome.FAILED);
            PollerStatus open = status.status("flaky");
            assertThat(open.consecutiveFailures()).isEqualTo(2);
            assertThat(open.circuitOpenUntil()).contains(clock.instant().plus(Duration.ofMinutes(1)));
            int contacts = gate.connections();
            assertThat(contacts).isEqualTo(2);

            gate.pass(true); // the server is back, but the circuit is still open
            PollReport skipped = poller.run();

            assertThat(skipped.outcome()).isEqualTo(PollOutcome.SKIPPED_CIRCUIT_OPEN);
            assertThat(skipped.message()).contains("circuit open until");
            assertThat(gate.connections()).as("no connection attempt while open").isEqualTo(contacts);
            assertThat(status.status("flaky").lastOutcome()).contains(PollOutcome.SKIPPED_CIRCUIT_OPEN);
            assertThat(intake.received()).isEmpty();

            gate.pass(false);
            clock.advance(Duration.ofSeconds(61)); // cool-down over: one trial run, which fails again
            assertThat(poller.run().outcome()).isEqualTo(PollOutcome.FAILED);
            assertThat(status.status("flaky").circuitOpenUntil()).as("the cool-down doubles")
                    .contains(clock.instant().plus(Duration.ofMinutes(2)));
            clock.advance(Duration.ofSeconds(121));
            assertThat(poller.run().outcome()).isEqualTo(PollOutcome.FAILED);
            assertThat(status.status("flaky").circuitOpenUntil()).as("capped at maxCoolDown")
                    .contains(clock.instant().plus(Duration.ofMinutes(3)));

            gate.pass(true);
            clock.advance(Duration.ofMinutes(3).plusSeconds(1));
            PollReport recovered = poller.run();

            assertThat(recovered.outcome()).as(recovered.toString()).isEqualTo(PollOutcome.SUCCEEDED);
            assertThat(recovered.taken()).extracting(PollReport.FileReport::path).containsExactly("a.hl7");
            PollerStatus closed = status.status("flaky");
            assertThat(closed.consecutiveFailures()).isZero();
            assertThat(closed.circuitOpenUntil()).isEmpty();
            assertThat(poller.run().skipped(SkipReason.ALREADY_TAKEN)).isEmpty();
        }
    }
}
