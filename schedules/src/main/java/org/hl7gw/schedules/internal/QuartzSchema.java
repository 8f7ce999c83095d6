package org.hl7gw.schedules.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Quartz's tables in the gateway's database when they are missing, from the scripts that ship in the
 * Quartz jar ({@code tables_h2.sql}, {@code tables_postgres.sql}): comment lines dropped, split on ';'.
 */
public final class QuartzSchema {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzSchema.class);

    private QuartzSchema() {
    }

    public static void ensure(DataSource ds, boolean postgres) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            if (exists(c)) {
                return;
            }
            String script = postgres ? "tables_postgres.sql" : "tables_h2.sql";
            String sql;
            try (InputStream in = QuartzSchema.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/" + script)) {
                if (in == null) {
                    throw new IOException(script + " is not in the Quartz jar");
                }
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder clean = new StringBuilder();
            for (String line : sql.split("\n")) {
                String t = line.strip();
                if (!t.startsWith("--") && !t.startsWith("#")) {
                    clean.append(line).append('\n');
                }
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String stmt : clean.toString().split(";")) {
                    String s = stmt.strip();
                    if (s.isEmpty() || s.toLowerCase(Locale.ROOT).startsWith("commit")) {
                        continue;
                    }
                    st.execute(s);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            LOG.info("scheduler tables created ({})", script);
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        for (String name : new String[] {"QRTZ_JOB_DETAILS", "qrtz_job_details"}) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
