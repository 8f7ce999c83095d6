package org.hl7gw.poller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hl7gw.poller.internal.RemoteEntry;
import org.hl7gw.poller.internal.StabilityTracker;
import org.junit.jupiter.api.Test;

class StabilityTrackerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T02:00:00Z");
    private static final Duration TEN_S = Duration.ofSeconds(10);

    @Test
    void aFileUnchangedSinceALookAtLeastStableForAgoIsStable() {
        StabilityTracker tracker = new StabilityTracker();
        RemoteEntry file = RemoteEntry.file("a.hl7", 100, T0);

        assertThat(tracker.stable(file, T0, TEN_S)).as("never seen").isFalse();
        tracker.remember(List.of(file), T0);
        assertThat(tracker.stable(file, T0.plusSeconds(9), TEN_S)).isFalse();
        tracker.remember(List.of(file), T0.plusSeconds(9));
        assertThat(tracker.stable(file, T0.plusSeconds(10), TEN_S)).as("unchanged since the first look").isTrue();
    }

    @Test
    void aChangeOfSizeOrTimeStartsTheWaitAgain() {
        StabilityTracker tracker = new StabilityTracker();
        tracker.remember(List.of(RemoteEntry.file("a.hl7", 100, T0)), T0);
        RemoteEntry grown = RemoteEntry.file("a.hl7", 200, T0.plusSeconds(5));
        RemoteEntry touched = RemoteEntry.file("a.hl7", 100, T0.plusSeconds(5));

        assertThat(tracker.stable(grown, T0.plusSeconds(60), TEN_S)).isFalse();
        assertThat(tracker.stable(touched, T0.plusSeconds(60), TEN_S)).isFalse();
        tracker.remember(List.of(grown), T0.plusSeconds(60));
        assertThat(tracker.stable(grown, T0.plusSeconds(69), TEN_S)).isFalse();
        assertThat(tracker.stable(grown, T0.plusSeconds(70), TEN_S)).isTrue();
    }

    @Test
    void forgetsFilesThatAreNoLongerListedAndTakesEverythingWithAZeroWait() {
        StabilityTracker tracker = new StabilityTracker();
        RemoteEntry a = RemoteEntry.file("a.hl7", 100, T0);
        tracker.remember(List.of(a), T0);
        tracker.remember(List.of(), T0.plusSeconds(1));

        assertThat(tracker.stable(a, T0.plusSeconds(60), TEN_S)).isFalse();
        assertThat(tracker.stable(a, T0, Duration.ZERO)).isTrue();
    }
}
