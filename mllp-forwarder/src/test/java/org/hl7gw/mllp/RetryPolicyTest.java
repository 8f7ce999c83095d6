package org.hl7gw.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void theFirstAttemptIsImmediateAndRetriesBackOffExponentiallyUpToTheMaximum() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(IntStream.rangeClosed(1, 10).mapToObj(p::delayBeforeAttempt).map(Duration::toSeconds))
                .containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(p.delayBeforeAttempt(10_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void defaultsAreFiveAttemptsFromOneSecondDoublingToAMinute() {
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60)));
    }

    @Test
    void aMultiplierOfOneGivesAConstantBackoff() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(250), 1.0, Duration.ofMillis(250));
        assertThat(p.delayBeforeAttempt(2)).isEqualTo(Duration.ofMillis(250));
        assertThat(p.delayBeforeAttempt(9)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), 2, Duration.ZERO)).hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, 0.5, Duration.ZERO)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Double.NaN, Duration.ZERO)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(5), 2, Duration.ofSeconds(1))).hasMessageContaining("maxBackoff");
    }
}
