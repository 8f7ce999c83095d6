package org.hl7gw.pgp.internal;

import java.util.Objects;

/** A key ring and where it was read from (a file name), for messages that name the file. */
public record Sourced<T>(T value, String source) {
    public Sourced {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }
}
