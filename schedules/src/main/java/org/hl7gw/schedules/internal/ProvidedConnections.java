package org.hl7gw.schedules.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Lets Quartz use the gateway's own connection pool (the ledger's), rather than a pool of its own. */
public final class ProvidedConnections implements ConnectionProvider {
    private final DataSource dataSource;

    public ProvidedConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the pool belongs to the ledger, which closes it
    }

    @Override
    public void initialize() {
        // nothing: the pool is already open
    }
}
