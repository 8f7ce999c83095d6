package org.hl7gw.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hl7gw.core.Secret;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theCrashWindowIsTheBufferPlusOneBatch() {
        assertThat(JournalSettings.DEFAULTS.capacity() + JournalSettings.DEFAULTS.maxBatch()).isEqualTo(3072);
    }

    @Test
    void aBatchCannotBeBiggerThanTheBuffer() {
        assertThatThrownBy(() -> JournalSettings.DEFAULTS.withBuffer(100, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
        assertThatThrownBy(() -> JournalSettings.DEFAULTS.withBuffer(100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalSettings.DEFAULTS.withMaxDelay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalSettings.DEFAULTS.withRetry(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ledgerSettingsRefuseWhatCannotWork() {
        assertThatThrownBy(() -> LedgerSettings.of("h2:file:/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerSettings.of("jdbc:h2:mem:x").withPoolSize(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerSettings.defaultH2Url(Path.of("/data;DB_CLOSE_DELAY=-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerDatabase.open(LedgerSettings.of("jdbc:sqlite:/tmp/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("H2").hasMessageContaining("PostgreSQL");
    }

    @Test
    void aPasswordNeverAppearsInTheSafeUrl() {
        LedgerSettings s = LedgerSettings.of("jdbc:postgresql://db/ledger?user=gw&password=hunter2")
                .withUser("gw", Secret.env("LEDGER_PASSWORD"));

        assertThat(s.safeUrl()).doesNotContain("hunter2").contains("password=***");
        assertThat(s.password()).isEqualTo(Optional.of(Secret.env("LEDGER_PASSWORD")));
    }
}
