package org.hl7gw.core.intake;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that has arrived completely and is ready to be taken in.
 *
 * @param source who sent it
 * @param originalName the name the sender gave it (no directories)
 * @param path where it is now on local disk; the intake moves or copies it into the archive
 */
public record IncomingFile(FileSource source, String originalName, Path path) {
    public IncomingFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(originalName, "originalName");
        Objects.requireNonNull(path, "path");
    }
}
