package org.hl7gw.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quartz with its JDBC store on an H2 file database, as the gateway runs it. */
class GatewaySchedulerTest {
    @TempDir
    Path dir;
    HikariDataSource ds;

    @BeforeEach
    void database() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE");
        c.setMaximumPoolSize(6);
        ds = new HikariDataSource(c);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private static ScheduleSpec poller(String id, String cron) {
        return new ScheduleSpec(id, ScheduleSpec.POLLERS, cron, ZoneId.of("America/Chicago"));
    }

    @Test
    void aScheduleSurvivesARestartWithItsTimeZoneAndNextFireTime() {
        try (GatewayScheduler s = GatewayScheduler.open(ds, false, (g, id) -> { }, 2)) {
            s.sync(ScheduleSpec.POLLERS, List.of(poller("mainframe", "0 30 2 * * ?")));
        }
        try (GatewayScheduler s = GatewayScheduler.open(ds, false, (g, id) -> { }, 2)) {
            assertThat(s.list()).singleElement().satisfies(st -> {
                assertThat(st.id()).isEqualTo("mainframe");
                assertThat(st.cron()).isEqualTo("0 30 2 * * ?");
                assertThat(st.zone()).isEqualTo(ZoneId.of("America/Chicago"));
                assertThat(st.nextFire()).get().satisfies(t -> {
                    assertThat(t).isAfter(Instant.now());
                    assertThat(t.atZone(ZoneId.of("America/Chicago")).getHour()).isEqualTo(2);
                    assertThat(t.atZone(ZoneId.of("America/Chicago")).getMinute()).isEqualTo(30);
                });
                assertThat(st.paused()).isFalse();
            });
        }
    }

    @Test
    void syncAddsChangesAndRemovesSchedulesAndKeepsPauses() {
        try (GatewayScheduler s = GatewayScheduler.open(ds, false, (g, id) -> { }, 2)) {
            s.sync(ScheduleSpec.POLLERS, List.of(poller("a", "0 0 1 * * ?"), poller("b", "0 0 2 * * ?")));
            s.pause(ScheduleSpec.POLLERS, "a");
            s.sync(ScheduleSpec.POLLERS, List.of(poller("a", "0 15 1 * * ?"), poller("c", "0 0 3 * * ?")));

            assertThat(s.list()).extracting(ScheduleStatus::id).containsExactly("a", "c");
            ScheduleStatus a = s.status(ScheduleSpec.POLLERS, "a").orElseThrow();
            assertThat(a.cron()).isEqualTo("0 15 1 * * ?");
            assertThat(a.paused()).isTrue();
            assertThat(a.nextFire()).isEmpty();
        }
    }

    @Test
    void aRunMissedWhileTheGatewayWasDownFiresOnceAtStartNotOncePerMissedSlot() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (GatewayScheduler s = GatewayScheduler.open(ds, false, (g, id) -> { }, 2)) {
            s.sync(ScheduleSpec.POLLERS, List.of(poller("nightly", "0 * * * * ?")));   // every minute
        }
        // the gateway was down for ten minutes: ten slots missed
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ? WHERE TRIGGER_NAME = 'nightly'")) {
            st.setLong(1, Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli());
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        try (GatewayScheduler s = GatewayScheduler.open(ds, false, (g, id) -> runs.incrementAndGet(), 2)) {
            s.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> runs.get() >= 1);
            Thread.sleep(3000);
            assertThat(runs.get()).isEqualTo(1);
            assertThat(s.status(ScheduleSpec.POLLERS, "nightly").orElseThrow().nextFire()).get()
                    .satisfies(t -> assertThat(t).isAfter(Instant.now().minusSeconds(1)));
        }
    }

    @Test
    void runsOfTheSameJobNeverOverlap() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try (GatewayScheduler s = GatewayScheduler.open(ds, false, (g, id) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(700);
            running.decrementAndGet();
            done.incrementAndGet();
        }, 4)) {
            s.sync(ScheduleSpec.POLLERS, List.of(poller("slow", "0 0 3 * * ?")));
            s.start();
            s.trigger(ScheduleSpec.POLLERS, "slow");
            s.trigger(ScheduleSpec.POLLERS, "slow");
            s.trigger(ScheduleSpec.POLLERS, "slow");
            await().atMost(Duration.ofSeconds(20)).until(() -> done.get() == 3);
        }
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void aPausedScheduleDoesNotFireButCanBeTriggeredAndResumed() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (GatewayScheduler s = GatewayScheduler.open(ds, false, (g, id) -> runs.incrementAndGet(), 2)) {
            s.sync(ScheduleSpec.POLLERS, List.of(poller("often", "* * * * * ?")));   // every second
            s.pause(ScheduleSpec.POLLERS, "often");
            s.start();
            Thread.sleep(2500);
            assertThat(runs.get()).isZero();

            s.trigger(ScheduleSpec.POLLERS, "often");
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);

            s.resume(ScheduleSpec.POLLERS, "often");
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        }
    }

    @Test
    void aBadCronExpressionIsRefusedWithQuartzsReason() {
        assertThatThrownBy(() -> poller("x", "every night")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'every night' is not a Quartz cron expression");
        assertThatThrownBy(() -> GatewayScheduler.zone("Mars/Olympus")).hasMessageContaining("not a time zone");
    }

    @Test
    void changingAnUnknownScheduleIsAClearError() {
        try (GatewayScheduler s = GatewayScheduler.open(ds, false, (g, id) -> { }, 1)) {
            assertThatThrownBy(() -> s.pause(ScheduleSpec.POLLERS, "nope")).isInstanceOf(SchedulerException.class).hasMessageContaining("no schedule 'nope'");
        }
    }
}
