package org.hl7gw.poller;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a poller looks: {@code sftp://USER@HOST[:PORT]/PATH}, {@code ftp://USER@HOST[:PORT]/PATH} or
 * {@code file:///PATH}.
 *
 * <p>The path is the folder as the server shows it to that user, from the server's root (for a chrooted user:
 * from the chroot). A path starting with {@code /~/} is relative to the user's login folder, as curl reads it:
 * {@code sftp://lab@host/~/outbound}. The path is taken literally (no percent-decoding); {@code ..} is refused.
 * A password in the URL ({@code user:secret@}) is refused: passwords come from secrets.
 *
 * @param protocol sftp, ftp or file
 * @param user the login ("" for file)
 * @param host the server ("" for file)
 * @param port the port, 0 while unspecified ({@link PollerSettings} fills in 22, 21 or 990)
 * @param path the folder: absolute, or relative to the login folder when {@link #homeRelative()}; no trailing slash
 */
public record PollerUrl(Protocol protocol, String user, String host, int port, String path) {
    private static final Pattern REMOTE = Pattern.compile("(?i)(sftp|ftp)://(?:([^@/]*)@)?(\\[[0-9a-fA-F:.]+]|[^:/\\[\\]@]+)(?::(\\d{1,5}))?(/.*)?");
    private static final Pattern LOCAL = Pattern.compile("(?i)file://(?:localhost)?(/.*)");
    private static final String HOME = "/~";

    /** The protocols a poller speaks. */
    public enum Protocol {
        SFTP, FTP, FILE;

        public String scheme() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PollerUrl {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (protocol == Protocol.FILE) {
            if (!user.isEmpty() || !host.isEmpty()) {
                throw new IllegalArgumentException("a file:// location has no user or host");
            }
        } else {
            if (user.isBlank()) {
                throw new IllegalArgumentException("a " + protocol.scheme() + ":// location needs a user: " + protocol.scheme() + "://USER@HOST/PATH");
            }
            if (host.isBlank()) {
                throw new IllegalArgumentException("a " + protocol.scheme() + ":// location needs a host");
            }
        }
        path = normalize(path);
    }

    /**
     * Parses a location.
     *
     * @throws IllegalArgumentException saying what is wrong and what is accepted
     */
    public static PollerUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a location is required: sftp://USER@HOST:PORT/PATH, ftp://USER@HOST:PORT/PATH or file:///PATH");
        }
        String t = text.trim();
        Matcher local = LOCAL.matcher(t);
        if (local.matches()) {
            return new PollerUrl(Protocol.FILE, "", "", 0, local.group(1));
        }
        if (t.regionMatches(true, 0, "file:", 0, 5)) {
            throw new IllegalArgumentException("'" + t + "' is not a local folder: write file:///ABSOLUTE/PATH");
        }
        Matcher m = REMOTE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + redact(t) + "' is not a location: write sftp://USER@HOST:PORT/PATH, ftp://USER@HOST:PORT/PATH or file:///PATH");
        }
        String user = m.group(2) == null ? "" : m.group(2);
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + redact(t) + "' has a password in it: give the password as a secret (environment variable or file), not in the URL");
        }
        Protocol protocol = Protocol.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        int port = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        if (m.group(4) != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + m.group(4) + " is out of range (1-65535)");
        }
        String host = m.group(3);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new PollerUrl(protocol, user, host.toLowerCase(Locale.ROOT), port, m.group(5) == null ? "/" : m.group(5));
    }

    /** Whether the path is relative to the login folder ({@code /~/...}). */
    public boolean homeRelative() {
        return protocol != Protocol.FILE && path.equals(HOME) || path.startsWith(HOME + "/");
    }

    /**
     * The folder as the client names it to the server: the absolute path, or for a home-relative one the path
     * after {@code /~/} ("" for the login folder itself).
     */
    public String folder() {
        if (!homeRelative()) {
            return path;
        }
        return path.length() == HOME.length() ? "" : path.substring(HOME.length() + 1);
    }

    public PollerUrl withPort(int newPort) {
        return new PollerUrl(protocol, user, host, newPort, path);
    }

    /**
     * The folder's identity without credentials, shared by every poller pointed at it (the key of
     * {@link org.hl7gw.core.poll.RemoteFile#location()}): {@code sftp://host:22/outbound/hl7}. A home-relative
     * folder depends on the login, so its location names the user: {@code sftp://lab@host:22/~/outbound}.
     */
    public String location() {
        if (protocol == Protocol.FILE) {
            return "file://" + path;
        }
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return protocol.scheme() + "://" + (homeRelative() ? user + "@" : "") + h + ":" + port + path;
    }

    @Override
    public String toString() {
        if (protocol == Protocol.FILE) {
            return "file://" + path;
        }
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return protocol.scheme() + "://" + user + "@" + h + (port == 0 ? "" : ":" + port) + path;
    }

    private static String normalize(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with '/': " + path);
        }
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("the path must not contain '..': " + path);
            }
            parts.add(segment);
        }
        return "/" + String.join("/", parts);
    }

    private static String redact(String text) {
        return text.replaceAll("(?<=://)([^@/:]*):[^@/]*@", "$1:***@");
    }
}
