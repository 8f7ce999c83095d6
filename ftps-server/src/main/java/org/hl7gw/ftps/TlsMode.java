package org.hl7gw.ftps;

/** How a client starts TLS on the control connection. */
public enum TlsMode {
    /**
     * Explicit FTPS (RFC 4217): the client connects in plain text and sends {@code AUTH TLS} before anything
     * else. Until then only {@code AUTH}, {@code QUIT} and {@code FEAT} are answered; {@code USER} and
     * {@code PASS} are refused with 530, so no login travels in plain text by our doing.
     */
    EXPLICIT,
    /** Implicit FTPS: TLS from the first byte, usually on port 990. */
    IMPLICIT
}
