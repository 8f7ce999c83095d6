package org.hl7gw.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.hl7gw.core.poll.PollOutcome;
import org.hl7gw.core.poll.PollerStatus;
import org.hl7gw.core.poll.PollerStatusStore;
import org.hl7gw.ledger.internal.Jdbc;
import org.hl7gw.ledger.internal.Sql;

/** {@link PollerStatusStore} in the ledger database, so that commands see what the service's pollers did. */
public final class JdbcPollerStatusStore implements PollerStatusStore {
    private final Jdbc jdbc;

    public JdbcPollerStatusStore(LedgerDatabase database) {
        this.jdbc = database.jdbc();
    }

    @Override
    public PollerStatus status(String pollerId) {
        return jdbc.read("read the status of poller " + pollerId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT * FROM poller_status WHERE poller_id = ?")) {
                st.setString(1, pollerId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return PollerStatus.never(pollerId);
                    }
                    String outcome = rs.getString("last_outcome");
                    return new PollerStatus(pollerId, Optional.ofNullable(Sql.getInstant(rs, "last_run_started")),
                            Optional.ofNullable(outcome).map(PollOutcome::valueOf),
                            Optional.ofNullable(rs.getString("last_message")).orElse(""), rs.getInt("consecutive_failures"),
                            Optional.ofNullable(Sql.getInstant(rs, "circuit_open_until")));
                }
            }
        });
    }

    @Override
    public void save(PollerStatus s) {
        jdbc.inTransaction("save the status of poller " + s.pollerId(), c -> {
            int updated;
            try (PreparedStatement st = c.prepareStatement("UPDATE poller_status SET last_run_started = ?, last_outcome = ?, last_message = ?, "
                    + "consecutive_failures = ?, circuit_open_until = ? WHERE poller_id = ?")) {
                fill(st, s);
                st.setString(6, s.pollerId());
                updated = st.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO poller_status (last_run_started, last_outcome, last_message, "
                        + "consecutive_failures, circuit_open_until, poller_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                    fill(st, s);
                    st.setString(6, s.pollerId());
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void fill(PreparedStatement st, PollerStatus s) throws java.sql.SQLException {
        Sql.setInstant(st, 1, s.lastRunStarted().orElse(null));
        st.setString(2, s.lastOutcome().map(Enum::name).orElse(null));
        Sql.setText(st, 3, s.lastMessage(), 2000);
        st.setInt(4, s.consecutiveFailures());
        Sql.setInstant(st, 5, s.circuitOpenUntil().orElse(null));
    }
}
