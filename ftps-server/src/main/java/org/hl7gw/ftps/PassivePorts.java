package org.hl7gw.ftps;

/**
 * The TCP ports the server listens on for passive data connections. Each running transfer (and each
 * directory listing) holds one port, so the range bounds the number of simultaneous transfers; a client that
 * asks for a passive port when all are taken gets 425.
 *
 * @param first first port of the range, or 0 for "any free port" (tests)
 * @param last last port of the range (inclusive), equal to {@code first} for a single port, 0 with {@code first} 0
 */
public record PassivePorts(int first, int last) {
    /** Any free port the system hands out: for tests and for servers without a firewall in front. */
    public static final PassivePorts ANY = new PassivePorts(0, 0);

    public PassivePorts {
        if (first == 0 || last == 0) {
            if (first != 0 || last != 0) {
                throw new IllegalArgumentException("passive ports: 0 means any free port and cannot be part of a range");
            }
        } else {
            if (first < 1024 || last > 65535) {
                throw new IllegalArgumentException("passive ports " + first + "-" + last + ": ports must lie between 1024 and 65535");
            }
            if (last < first) {
                throw new IllegalArgumentException("passive ports " + first + "-" + last + ": the range ends before it starts");
            }
        }
    }

    /** Parses {@code 0}, {@code 30000} or {@code 30000-30010}. */
    public static PassivePorts parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("passive ports are required: write 0 (any free port), a port or a range such as 30000-30010");
        }
        String t = text.strip();
        try {
            int dash = t.indexOf('-');
            if (dash < 0) {
                int port = Integer.parseInt(t);
                return new PassivePorts(port, port);
            }
            return new PassivePorts(Integer.parseInt(t.substring(0, dash).strip()), Integer.parseInt(t.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a passive port range: write 0, a port or a range such as 30000-30010");
        }
    }

    public boolean isAny() {
        return first == 0;
    }

    /** How many transfers can run at once; {@link Integer#MAX_VALUE} for {@link #ANY}. */
    public int size() {
        return isAny() ? Integer.MAX_VALUE : last - first + 1;
    }

    /** The form Apache FtpServer takes: {@code 0} or {@code 30000-30010}. */
    public String asRange() {
        return isAny() ? "0" : first + "-" + last;
    }

    @Override
    public String toString() {
        return asRange();
    }
}
