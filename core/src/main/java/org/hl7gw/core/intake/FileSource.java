package org.hl7gw.core.intake;

import java.util.Objects;

/**
 * Who a file came from: the kind and the id of the partner or poller ("cli" for commands). Duplicate
 * detection is per source.
 */
public record FileSource(SourceKind kind, String id) {
    public FileSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a source id cannot be blank");
        }
    }

    public static FileSource cli() {
        return new FileSource(SourceKind.CLI, "cli");
    }

    public static FileSource partner(String id) {
        return new FileSource(SourceKind.PARTNER, id);
    }

    public static FileSource poller(String id) {
        return new FileSource(SourceKind.POLLER, id);
    }

    @Override
    public String toString() {
        return kind.label() + ":" + id;
    }
}
