package org.hl7gw.testkit.ftp;

import java.util.Objects;

/**
 * Where and as whom a test client logs in to an FTPS server.
 *
 * @param host the server's address (127.0.0.1)
 * @param port the control port
 * @param implicit implicit TLS ({@code ftps://}) rather than explicit {@code AUTH TLS} ({@code ftp://})
 * @param login the user name
 * @param password the password (written to a file for the client, never onto its command line)
 */
public record FtpsEndpoint(String host, int port, boolean implicit, String login, String password) {
    public FtpsEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(password, "password");
    }

    public static FtpsEndpoint explicit(int port, String login, String password) {
        return new FtpsEndpoint("127.0.0.1", port, false, login, password);
    }

    public static FtpsEndpoint implicit(int port, String login, String password) {
        return new FtpsEndpoint("127.0.0.1", port, true, login, password);
    }

    public FtpsEndpoint as(String otherLogin, String otherPassword) {
        return new FtpsEndpoint(host, port, implicit, otherLogin, otherPassword);
    }

    /** {@code ftp://host:port} or {@code ftps://host:port}. */
    public String baseUrl() {
        return (implicit ? "ftps://" : "ftp://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return "FtpsEndpoint[" + baseUrl() + ", login=" + login + ", password=***]";
    }
}
