package org.hl7gw.mllp.connection;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a destination listens: {@code mllp://HOST:PORT} (plain TCP) or {@code mllps://HOST:PORT} (TLS).
 * An IPv6 literal is written in brackets: {@code mllp://[::1]:2575}.
 *
 * @param host a host name or an IP literal (IPv6 without brackets)
 * @param port 1..65535
 * @param tls true for {@code mllps}
 */
public record MllpEndpoint(String host, int port, boolean tls) {

    public MllpEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("an MLLP endpoint needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /**
     * Parses {@code mllp://HOST:PORT} or {@code mllps://HOST:PORT}.
     *
     * @throws IllegalArgumentException saying what is wrong and showing the accepted forms
     */
    public static MllpEndpoint parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw invalid(String.valueOf(uri), "it is empty");
        }
        String text = uri.strip();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(text, "it has no scheme");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "mllp" -> false;
            case "mllps" -> true;
            default -> throw invalid(text, "scheme '" + scheme + "' is neither mllp nor mllps");
        };
        String authority = text.substring(schemeEnd + 3);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (authority.contains("/") || authority.contains("?") || authority.contains("#")) {
            throw invalid(text, "an MLLP endpoint has no path, query or fragment");
        }
        if (authority.contains("@")) {
            throw invalid(text, "an MLLP endpoint has no user information");
        }
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(text, "the IPv6 literal has no closing ']'");
            }
            host = authority.substring(1, close);
            if (host.isEmpty() || !host.contains(":")) {
                throw invalid(text, "brackets are for IPv6 literals only");
            }
            String rest = authority.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw invalid(text, "the port is missing");
            }
            portText = rest.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(text, "the port is missing");
            }
            host = authority.substring(0, colon);
            portText = authority.substring(colon + 1);
            if (host.contains(":")) {
                throw invalid(text, "an IPv6 literal must be written in brackets");
            }
            if (host.isEmpty()) {
                throw invalid(text, "the host is missing");
            }
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "the port must be a number between 1 and 65535");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw invalid(text, "the port must be a number between 1 and 65535");
        }
        return new MllpEndpoint(host, port, tls);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not an MLLP endpoint: " + why
                + " (write mllp://HOST:PORT or mllps://HOST:PORT, an IPv6 address in brackets)");
    }

    /** The endpoint as written: {@code mllps://[::1]:2575}. */
    @Override
    public String toString() {
        return (tls ? "mllps://" : "mllp://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
