package org.hl7gw.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hl7gw.core.Sha256;
import org.hl7gw.core.poll.PollClaims;
import org.hl7gw.core.poll.RemoteFile;
import org.hl7gw.ledger.internal.Jdbc;
import org.hl7gw.ledger.internal.Sql;

/**
 * {@link PollClaims} in the ledger database: a claim is a row under a unique key (location, path, size,
 * modification time), so two pollers, two processes or two nodes can never hold the same file. A claim left
 * CLAIMED longer than {@code abandonAfter} (its poller died mid-run) may be taken over.
 */
public final class JdbcPollClaims implements PollClaims {
    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration abandonAfter;

    public JdbcPollClaims(LedgerDatabase database, Clock clock, Duration abandonAfter) {
        this.jdbc = database.jdbc();
        this.clock = clock;
        this.abandonAfter = abandonAfter;
    }

    @Override
    public Optional<Claim> claim(String pollerId, RemoteFile file) {
        return jdbc.inTransaction("claim " + file.path() + " for poller " + pollerId, c -> {
            Instant now = clock.instant();
            try (PreparedStatement stale = c.prepareStatement("DELETE FROM poll_claims WHERE location = ? AND path = ? AND size = ? "
                    + "AND modified_at = ? AND state = 'CLAIMED' AND claimed_at < ?")) {
                key(stale, file);
                Sql.setInstant(stale, 5, now.minus(abandonAfter));
                stale.executeUpdate();
            }
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM poll_claims WHERE location = ? AND path = ? AND size = ? AND modified_at = ?")) {
                key(exists, file);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return Optional.<Claim>empty();
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO poll_claims (location, path, size, modified_at, poller_id, state, claimed_at) "
                    + "VALUES (?, ?, ?, ?, ?, 'CLAIMED', ?)", jdbc.dialect().generatedKeyColumns())) {
                key(insert, file);
                insert.setString(5, pollerId);
                Sql.setInstant(insert, 6, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return Optional.of(new Claim(keys.getLong(1), pollerId, file));
                }
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    return Optional.<Claim>empty();   // another poller claimed it between our check and insert
                }
                throw e;
            }
        });
    }

    @Override
    public void taken(Claim claim, Sha256 sha256, long fileId) {
        jdbc.inTransaction("record claim " + claim.id() + " as taken", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE poll_claims SET state = 'TAKEN', sha256 = ?, file_id = ?, taken_at = ? WHERE id = ?")) {
                st.setString(1, sha256.hex());
                st.setLong(2, fileId);
                Sql.setInstant(st, 3, clock.instant());
                st.setLong(4, claim.id());
                if (st.executeUpdate() != 1) {
                    throw new SQLException("claim " + claim.id() + " no longer exists");
                }
            }
            return null;
        });
    }

    @Override
    public void release(Claim claim) {
        jdbc.inTransaction("release claim " + claim.id(), c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM poll_claims WHERE id = ? AND state = 'CLAIMED'")) {
                st.setLong(1, claim.id());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean wasTaken(RemoteFile file) {
        return jdbc.read("look up " + file.path(), c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM poll_claims WHERE location = ? AND path = ? AND size = ? "
                    + "AND modified_at = ? AND state = 'TAKEN'")) {
                key(st, file);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static void key(PreparedStatement st, RemoteFile file) throws SQLException {
        st.setString(1, file.location());
        st.setString(2, file.path());
        st.setLong(3, file.size());
        Sql.setInstant(st, 4, file.modified());
    }

    private static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("23505") || state.startsWith("23"));
    }
}
