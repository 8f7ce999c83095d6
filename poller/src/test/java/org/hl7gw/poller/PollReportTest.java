package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.poller.PollReport.FileReport;
import org.hl7gw.poller.PollReport.SkipReason;
import org.junit.jupiter.api.Test;

class PollReportTest {
    private static final Instant T = Instant.parse("2024-05-01T02:00:00.123Z");

    @Test
    void linesShowAHeadlineAndOneAlignedLinePerFile() {
        PollReport report = new PollReport("lab-nightly", "sftp://mainframe:22/outbound", T, Duration.ofMillis(1234), PollOutcome.PARTIAL,
                "1 taken, 1 skipped, 1 failed; ADT_3.hl7: cannot open ADT_3.hl7: permission denied", List.of(
                FileReport.taken("ADT_1.hl7", 2048, T, 17, FileStatus.QUEUED, "moved to archive/ADT_1.hl7", Optional.empty()),
                FileReport.skipped("lab/ADT_2.hl7", 1_300_000, T, SkipReason.NOT_STABLE_YET),
                FileReport.failed("ADT_3.hl7", 10, T, "cannot open ADT_3.hl7: permission denied")));

        List<String> lines = report.lines();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("poll lab-nightly sftp://mainframe:22/outbound: PARTIAL in 1.2 s, 1 taken, 1 skipped, 1 failed");
        assertThat(lines.get(1)).contains("TAKEN").contains("ADT_1.hl7").contains("2 KB").contains("2024-05-01T02:00:00Z")
                .contains("ledger file 17 QUEUED; moved to archive/ADT_1.hl7");
        assertThat(lines.get(2)).contains("SKIPPED").contains("1.2 MB").contains("not stable yet");
        assertThat(lines.get(3)).contains("FAILED").contains("permission denied");
        assertThat(lines.get(1).indexOf("2024-")).isEqualTo(lines.get(2).indexOf("2024-")).isEqualTo(lines.get(3).indexOf("2024-"));
    }

    @Test
    void aFailedAfterActionIsShownOnTheTakenFile() {
        FileReport f = FileReport.taken("a.hl7", 1, T, 3, FileStatus.QUEUED, "", Optional.of("cannot delete a.hl7: permission denied"));

        assertThat(f.detail()).isEqualTo("ledger file 3 QUEUED; AFTER-ACTION FAILED: cannot delete a.hl7: permission denied");
    }
}
