package org.hl7gw.core;

/**
 * A setting is missing or wrong. Raised when the program starts, never at 2 a.m.: the message names the
 * setting (a YAML path such as {@code destinations[0].retry.maxAttempts} or a command-line option) and the
 * reason.
 */
public class ConfigurationException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigurationException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public ConfigurationException(String key, String reason, Throwable cause) {
        super(key + ": " + reason, cause);
        this.key = key;
    }

    /** The setting at fault, as the user wrote it (a YAML path or an option name). */
    public String key() {
        return key;
    }
}
