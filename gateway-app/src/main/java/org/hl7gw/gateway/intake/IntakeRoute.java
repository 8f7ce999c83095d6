package org.hl7gw.gateway.intake;

import java.util.Objects;
import org.hl7gw.splitter.SplitterSettings;

/**
 * How files from one source are taken in: how to open them (keys, signature policy), how strictly to read
 * them, and which destination their messages go to.
 *
 * @param destination the destination id (a configured destination, or the URL given to {@code send --to})
 * @param opener decryption and verification for this source
 * @param splitter validation policy and limits
 */
public record IntakeRoute(String destination, PayloadOpener opener, SplitterSettings splitter) {
    public IntakeRoute {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(splitter, "splitter");
    }
}
