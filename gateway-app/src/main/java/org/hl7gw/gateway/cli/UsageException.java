package org.hl7gw.gateway.cli;

import org.hl7gw.core.GatewayException;

/** The command line asks for something impossible (a missing file, a non-empty output folder): exit code 2. */
public final class UsageException extends GatewayException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
