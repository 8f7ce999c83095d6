package org.hl7gw.sftp;

import org.hl7gw.core.GatewayException;

/** The SFTP server could not start or stop (the port is taken, a host key cannot be written...). */
public class SftpServerException extends GatewayException {
    private static final long serialVersionUID = 1L;

    public SftpServerException(String message) {
        super(message);
    }

    public SftpServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
