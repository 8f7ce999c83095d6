package org.hl7gw.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hl7gw.core.delivery.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on the default H2 file database, plus what is particular to H2. */
class H2LedgerTest extends LedgerContractTest {

    @TempDir
    Path dataDir;

    @Override
    protected LedgerDatabase openDatabase() {
        return LedgerDatabase.open(LedgerSettings.h2(dataDir));
    }

    @Test
    void theDefaultUrlIsAnAbsoluteFileDatabaseWithDurableSettings() {
        String url = LedgerSettings.defaultH2Url(Path.of("relative/data"));

        assertThat(url).startsWith("jdbc:h2:file:" + Path.of("relative/data").toAbsolutePath().normalize() + "/ledger;")
                .contains("AUTO_SERVER=TRUE").contains("WRITE_DELAY=0").doesNotContain("LOG=0");
        assertThat(Files.exists(dataDir.resolve("ledger.mv.db"))).as("migrations applied on a fresh directory").isTrue();
    }

    @Test
    void commitsAreWrittenAtOnceEvenWhenTheUrlDoesNotSaySo() throws SQLException {
        db.close();
        db = LedgerDatabase.open(LedgerSettings.of("jdbc:h2:file:" + dataDir.resolve("plain")));
        ledger = new JdbcLedger(db);

        assertThat(setting("WRITE_DELAY")).isEqualTo("0");
    }

    @Test
    void theLaneAndListingQueriesWalkTheirIndexInOrder() throws SQLException {
        assertThat(plan(JdbcLedger.LANE_MESSAGES_SQL)).contains("MESSAGES_FILE_SEQ_UK").contains("index sorted");
        assertThat(plan(JdbcLedger.MESSAGE_PAGE_SQL)).contains("MESSAGES_FILE_SEQ_UK").contains("index sorted");
        assertThat(plan(JdbcLedger.MESSAGE_PAGE_IN_STATUS_SQL)).contains("MESSAGES_FILE_SEQ_UK").contains("index sorted");
        assertThat(plan(JdbcLedger.RECENT_ATTEMPTS_SQL)).contains("ATTEMPTS_FILE_IDX").contains("index sorted");
        assertThat(plan(JdbcLedger.LANE_FILES_SQL)).contains("FILES_STATUS_IDX");
    }

    @Test
    void anotherProcessReadsTheLedgerWhileThisOneHoldsIt() throws Exception {
        FileRecord a = queued("lab", 2);
        FileRecord b = receive("lab");

        List<String> out = runChild(List.of("list", dataDir.toString()), line -> false);

        assertThat(out).contains("LEDGER FILES 2", "LEDGER FILE " + b.id() + " RECEIVED " + b.originalName(),
                "LEDGER FILE " + a.id() + " QUEUED " + a.originalName());
        assertThat(ledger.file(a.id())).as("this process still has it").isPresent();
    }

    @Test
    void aKilledProcessLosesOnlyWhatItHadNotFlushed() throws Exception {
        db.close();

        List<String> out = runChild(List.of("deliver", dataDir.toString(), "50", "40"), line -> line.startsWith("LEDGER BUFFERED"));

        db = openDatabase();
        ledger = new JdbcLedger(db);
        long fileId = out.stream().filter(l -> l.startsWith("LEDGER FLUSHED ")).mapToLong(l -> Long.parseLong(l.substring(15)))
                .findFirst().orElseThrow();
        FileRecord f = ledger.file(fileId).orElseThrow();
        assertThat(f.delivered()).as("flushed before the kill").isEqualTo(40);
        assertThat(f.pending()).as("only buffered: still pending, so sent again after the restart").isEqualTo(10);
        assertThat(f.status()).isEqualTo(FileStatus.QUEUED);
        assertCountsExact(f);
        assertThat(ledger.recentAttempts(fileId, 100)).hasSize(40);
    }

    /**
     * Runs {@link LedgerChildProcess}; returns its LEDGER lines. Without a kill condition it waits for the child
     * to end (successfully); with one, it kills the child (SIGKILL) at the first line that matches.
     */
    private static List<String> runChild(List<String> args, Predicate<String> killWhen) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LedgerChildProcess.class.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> ledgerLines = new ArrayList<>();
        List<String> all = new ArrayList<>();
        boolean killed = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.add(line);
                if (line.startsWith("LEDGER")) {
                    ledgerLines.add(line);
                }
                if (killWhen.test(line)) {
                    child.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        if (!killed) {
            assertThat(child.exitValue()).as("child output:\n" + String.join("\n", all)).isZero();
        } else {
            assertThat(ledgerLines).as("child output:\n" + String.join("\n", all)).isNotEmpty();
        }
        return ledgerLines;
    }

    private String setting(String name) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private String plan(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            int parameters = ps.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                ps.setObject(i, i == parameters && sql.endsWith("ROWS ONLY") && sql.contains("FIRST ?") ? 10 : 1);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
