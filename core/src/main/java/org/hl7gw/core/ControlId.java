package org.hl7gw.core;

import java.util.Objects;

/**
 * MSH-10, the message control ID: the key that ties a message to its acknowledgement (MSA-2).
 * It is the only field of a message that the gateway logs.
 */
public record ControlId(String value) implements Comparable<ControlId> {
    /** HL7 v2.5 gives MSH-10 a length of 20, v2.7 of 199; longer values are almost surely not control IDs. */
    public static final int MAX_LENGTH = 199;

    public ControlId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a control ID (MSH-10) cannot be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a control ID (MSH-10) is at most " + MAX_LENGTH + " characters, got " + value.length());
        }
    }

    public static ControlId of(String value) {
        return new ControlId(value);
    }

    @Override
    public int compareTo(ControlId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
