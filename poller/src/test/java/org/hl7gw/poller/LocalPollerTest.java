package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hl7gw.core.poll.PollOutcome;
import org.junit.jupiter.api.Test;

/** The poller contract on a local folder ({@code file:///...}). */
class LocalPollerTest extends PollerContract {

    @Override
    protected Path newFolder(String name) {
        try {
            return Files.createDirectories(temp.resolve("local").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected PollerSettings.Builder settings(String id, Path folder) {
        return PollerSettings.builder(id, "file://" + folder.toAbsolutePath());
    }

    @Test
    void aMissingFolderFailsTheRunWithTheReason() {
        Path gone = temp.resolve("not-mounted");
        Poller poller = poller(settings("share", gone).build());

        PollReport report = poller.run();

        assertThat(report.outcome()).isEqualTo(PollOutcome.FAILED);
        assertThat(report.message()).contains("no such folder").contains(gone.toString());
        assertThat(status.status("share").consecutiveFailures()).isEqualTo(1);
    }
}
