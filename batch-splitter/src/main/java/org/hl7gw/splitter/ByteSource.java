package org.hl7gw.splitter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Input that can be read more than once (a file, a decrypting view of an archived file). */
public interface ByteSource {

    /** A fresh stream from the first byte; the caller closes it. */
    InputStream open() throws IOException;

    /** The name used in reports. */
    String name();

    static ByteSource of(Path file) {
        return of(file, file.getFileName().toString());
    }

    static ByteSource of(Path file, String name) {
        return new ByteSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
