package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hl7gw.core.Sha256;
import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.core.poll.RemoteFile;
import org.hl7gw.poller.PollReport.Disposition;
import org.hl7gw.testkit.servers.FreePorts;
import org.junit.jupiter.api.Test;

/** What every poller of a real server does when the server misbehaves. */
abstract class RemotePollerContract extends PollerContract {

    /** The poller's URL for a folder. */
    protected abstract String url(Path folder);

    /** Settings for a URL with the usual login and trust. */
    protected abstract PollerSettings.Builder settingsForUrl(String id, String url);

    /** Settings that log in with this password only. */
    protected abstract PollerSettings.Builder settingsWithPassword(String id, Path folder, char[] password);

    protected abstract int port();

    /** SIGKILL to the server and its sessions. */
    protected abstract void killServer();

    /** Starts it again on the same port (no-op when running). */
    protected abstract void startServer();

    /** What the server says when the user may not read a file. */
    protected abstract String permissionDeniedText();

    /** The login user, who owns the remote folders. */
    protected abstract org.hl7gw.testkit.servers.LocalUser user();

    @Override
    protected Path newFolder(String name) {
        return user().ownedFolder(temp.resolve("remote").resolve(name));
    }

    @Override
    protected void makeFolder(Path folder) {
        Path parent = folder.getParent();
        if (!Files.isDirectory(parent)) {
            makeFolder(parent);
        }
        user().ownedFolder(folder);
    }

    @Override
    protected PollerSettings.Builder settings(String id, Path folder) {
        return settingsForUrl(id, url(folder));
    }

    @Test
    void pollsAFolderRelativeToTheLoginFolderWhenThePathStartsWithTilde() throws IOException {
        String relative = "hl7gw-it-" + Long.toHexString(System.nanoTime());
        Path folder = user().ownedFolder(user().home().resolve(relative));
        try {
            write(folder, "a.hl7");
            String url = url(folder).replace(folder.toString(), "/~/" + relative);
            PollerSettings settings = settingsForUrl("home", url).stableFor(Duration.ZERO).build();

            PollReport report = poller(settings).run();

            assertThat(settings.location()).endsWith("@127.0.0.1:" + port() + "/~/" + relative).contains("hl7gwtest@");
            assertThat(report.outcome()).as(report.toString()).isEqualTo(PollOutcome.SUCCEEDED);
            assertThat(intake.names()).containsExactly("a.hl7");
            assertThat(names(folder)).isEmpty();
        } finally {
            try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void anUnreadableFileFailsAndTheOthersAreStillTaken() throws IOException {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7", 2048, 300);
        Path secret = write(folder, "b.hl7", 2048, 200);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------")); // root's, the login cannot read it
        write(folder, "c.hl7", 2048, 100);
        Poller poller = poller(settings("partial", folder).stableFor(Duration.ZERO).build());

        PollReport report = poller.run();

        assertThat(report.outcome()).as(report.toString()).isEqualTo(PollOutcome.PARTIAL);
        assertThat(report.taken()).extracting(PollReport.FileReport::path).containsExactly("a.hl7", "c.hl7");
        assertThat(report.file("b.hl7").orElseThrow().disposition()).isEqualTo(Disposition.FAILED);
        assertThat(report.file("b.hl7").orElseThrow().failure().orElseThrow()).contains(permissionDeniedText());
        assertThat(report.message()).contains("b.hl7");
        assertThat(intake.names()).containsExactly("a.hl7", "c.hl7");
        assertThat(names(folder)).containsExactly("b.hl7");
        assertThat(claims.held()).isEmpty();
        assertThat(status.status("partial").consecutiveFailures()).as("the server was reachable").isZero();
        assertThat(leftoverDownloads()).isEmpty();
    }

    @Test
    void aServerKilledMidDownloadLetsNothingInAndTheNextRunTakesTheFileExactlyOnce() {
        Path folder = newFolder("outbound");
        Sha256 big = sha(write(folder, "big.hl7", 24 << 20, 60));
        AtomicBoolean killed = new AtomicBoolean();
        PollerListener killer = new PollerListener() {
            @Override
            public void downloading(RemoteFile file, long bytesSoFar) {
                if (!killed.getAndSet(true)) {
                    killServer();
                }
            }
        };
        Poller poller = poller(settings("fragile", folder).stableFor(Duration.ZERO).build(), killer);
        try {
            PollReport broken = poller.run();

            assertThat(killed).isTrue();
            assertThat(broken.outcome()).as(broken.toString()).isEqualTo(PollOutcome.FAILED);
            assertThat(broken.taken()).isEmpty();
            assertThat(broken.file("big.hl7").orElseThrow().failure().orElseThrow()).contains("connection lost");
            assertThat(intake.received()).as("nothing half-downloaded enters the intake").isEmpty();
            assertThat(claims.held()).as("the claim is released").isEmpty();
            assertThat(leftoverDownloads()).isEmpty();
            assertThat(names(folder)).containsExactly("big.hl7");
            assertThat(status.status("fragile").consecutiveFailures()).isEqualTo(1);
        } finally {
            startServer();
        }

        PollReport retried = poller.run();
        PollReport after = poller.run();

        assertThat(retried.outcome()).as(retried.toString()).isEqualTo(PollOutcome.SUCCEEDED);
        assertThat(retried.taken()).extracting(PollReport.FileReport::path).containsExactly("big.hl7");
        assertThat(after.files()).isEmpty();
        assertThat(intake.received()).singleElement().satisfies(r -> {
            assertThat(r.sha256()).isEqualTo(big);
            assertThat(r.size()).isEqualTo(24 << 20);
        });
        assertThat(claims.takenCounts().values()).containsExactly(1);
        assertThat(status.status("fragile").consecutiveFailures()).isZero();
    }

    @Test
    void aRefusedConnectionFailsTheRunWithTheReason() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        int closed = FreePorts.one();
        String url = url(folder).replace(":" + port() + "/", ":" + closed + "/");
        Poller poller = poller(settingsForUrl("down", url).build());

        PollReport report = poller.run();

        assertThat(report.outcome()).isEqualTo(PollOutcome.FAILED);
        assertThat(report.message()).contains("connection refused").contains("127.0.0.1:" + closed);
        assertThat(status.status("down").consecutiveFailures()).isEqualTo(1);
        assertThat(status.status("down").lastMessage()).isEqualTo(report.message());
        assertThat(intake.received()).isEmpty();
    }

    @Test
    void aWrongPasswordFailsTheRunWithAClearReason() {
        Path folder = newFolder("outbound");
        write(folder, "a.hl7");
        Poller poller = poller(settingsWithPassword("typo", folder, "not-the-password".toCharArray()).build());

        PollReport report = poller.run();

        assertThat(report.outcome()).isEqualTo(PollOutcome.FAILED);
        assertThat(report.message()).contains("login refused").contains("hl7gwtest").doesNotContain("not-the-password");
        assertThat(intake.received()).isEmpty();
        assertThat(names(folder)).containsExactly("a.hl7");
    }
}
