package org.hl7gw.pgp;

import java.util.List;

/**
 * The message is not encrypted to any of the gateway's decryption keys (or only to a passphrase).
 * The partner encrypted to an old or wrong key: the message names both sides' key IDs.
 */
public final class NoMatchingKeyException extends PgpException {
    private static final long serialVersionUID = 1L;

    private final List<String> recipientKeyIds;
    private final List<String> gatewayKeyIds;

    public NoMatchingKeyException(String message, List<String> recipientKeyIds, List<String> gatewayKeyIds) {
        super(message);
        this.recipientKeyIds = List.copyOf(recipientKeyIds);
        this.gatewayKeyIds = List.copyOf(gatewayKeyIds);
    }

    /** The key IDs the message is encrypted for, 16 upper-case hex digits; 0000000000000000 is a hidden recipient. */
    public List<String> recipientKeyIds() {
        return recipientKeyIds;
    }

    /** The gateway's decryption key IDs. */
    public List<String> gatewayKeyIds() {
        return gatewayKeyIds;
    }
}
