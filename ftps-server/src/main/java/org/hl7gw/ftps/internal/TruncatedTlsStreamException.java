package org.hl7gw.ftps.internal;

import java.net.SocketException;

/**
 * The TCP connection under a TLS data connection ended (FIN) before the client sent a TLS
 * {@code close_notify}: the client died or was killed mid-transfer, or something on the path cut the
 * connection. A {@link SocketException} so that Apache FtpServer answers the transfer with 426 and does not
 * treat the file as complete.
 */
public final class TruncatedTlsStreamException extends SocketException {
    private static final long serialVersionUID = 1L;

    public TruncatedTlsStreamException(long bytesRead) {
        super("the data connection ended without a TLS close_notify after " + bytesRead
                + " bytes on the wire: the transfer was cut off");
    }
}
