package org.hl7gw.ftps;

import org.hl7gw.core.GatewayException;

/** The FTPS server could not start (the port is taken, the address does not exist). */
public class FtpsServerException extends GatewayException {
    private static final long serialVersionUID = 1L;

    public FtpsServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
