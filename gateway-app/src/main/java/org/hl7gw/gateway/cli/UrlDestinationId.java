package org.hl7gw.gateway.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7gw.mllp.connection.MllpEndpoint;

/**
 * The destination id of a receiver given by URL on the command line ({@code send --to mllp://lis:2575}):
 * {@code mllp_lis_2575}, so that the ledger records where a file went and {@code rerun} can send it there
 * again without {@code --to}. (IPv6 literals have their colons written as '-'; rerun such files with --to.)
 */
final class UrlDestinationId {
    private static final Pattern ID = Pattern.compile("(mllps?)_(.+)_(\\d{1,5})");

    private UrlDestinationId() {
    }

    static String of(MllpEndpoint endpoint) {
        String id = (endpoint.tls() ? "mllps" : "mllp") + "_" + endpoint.host().replace(':', '-') + "_" + endpoint.port();
        if (id.length() > 64) {
            throw new UsageException("the host name is too long to be recorded as a destination: " + endpoint.host());
        }
        return id;
    }

    /** The URL an id made by {@link #of} stands for; empty for ids of configured destinations. */
    static Optional<String> url(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + "://" + m.group(2) + ":" + m.group(3));
    }
}
