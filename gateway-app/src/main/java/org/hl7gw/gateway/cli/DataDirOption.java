package org.hl7gw.gateway.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir DIR}: where the ledger, the archive and the spool live. */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Data directory: ledger database, archive of originals, work files (default ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("./data");

    public Path path() {
        return dataDir;
    }
}
