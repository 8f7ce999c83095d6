package org.hl7gw.poller;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a poller waits for the server.
 *
 * @param connect for the TCP connection, the TLS or SSH handshake and the login (default 30 s)
 * @param read for any one answer or block of data once connected (default 60 s): a server that stalls
 *             mid-download for longer fails the file
 */
public record Timeouts(Duration connect, Duration read) {
    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(read, "read");
        if (connect.isNegative() || connect.isZero() || connect.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connect timeout must be positive (and under 24 days): " + connect);
        }
        if (read.isNegative() || read.isZero() || read.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read timeout must be positive (and under 24 days): " + read);
        }
    }

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }
}
