package org.hl7gw.gateway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hl7gw.splitter.BatchReport;
import org.hl7gw.splitter.BatchSplitter;
import org.hl7gw.splitter.ByteSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway split FILE --out DIR}: one file per message, only when the whole file is valid. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Validate a file, then write each of its messages to DIR/000001.hl7, DIR/000002.hl7, ... "
                + "(segments ending in CR, bytes otherwise exactly as in the file). An invalid file writes nothing.",
            "Exit 0 on success, 1 when the file is invalid, 2 on usage errors."})
final class SplitCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "FILE", description = "The batch file.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the messages; created if missing, must be empty.")
    Path out;

    @Mixin
    ValidationOptions validation = new ValidationOptions();

    SplitCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        InputFiles.requireReadable(List.of(file));
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new UsageException("--out " + out + " is not a folder");
            }
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new UsageException("--out " + out + " is not empty; give an empty or new folder");
                }
            }
        }
        Files.createDirectories(out);
        long[] written = {0};
        BatchReport r = new BatchSplitter(validation.settings()).split(ByteSource.of(file, file.toString()), m -> {
            Path target = out.resolve(String.format("%06d.hl7", m.seq()));
            try (OutputStream o = Files.newOutputStream(target)) {
                o.write(m.bytes());
            }
            written[0]++;
        });
        if (!r.valid()) {
            terminal.out().printf("INVALID  %s: nothing written%n", r.file());
            r.errorLines().forEach(e -> terminal.out().println("  error: " + e));
            r.warningLines().forEach(w -> terminal.out().println("  warning: " + w));
            return ExitCodes.FAILED;
        }
        terminal.out().printf("OK       %s: %d message%s written to %s%n", r.file(), written[0], written[0] == 1 ? "" : "s", out);
        r.warningLines().forEach(w -> terminal.out().println("  warning: " + w));
        return ExitCodes.OK;
    }
}
