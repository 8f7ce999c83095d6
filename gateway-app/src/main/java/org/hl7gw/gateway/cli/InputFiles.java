package org.hl7gw.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks the files named on a command line before any work starts. */
final class InputFiles {
    private InputFiles() {
    }

    static void requireReadable(List<Path> files) {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new UsageException("no such file: " + f);
            }
            if (!Files.isRegularFile(f)) {
                throw new UsageException("not a regular file: " + f);
            }
            if (!Files.isReadable(f)) {
                throw new UsageException("cannot read: " + f);
            }
        }
    }
}
