package org.hl7gw.gateway.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hl7gw.splitter.BatchReader;
import org.hl7gw.splitter.BatchReport;
import org.hl7gw.splitter.MessageSink;
import org.hl7gw.splitter.Problem;
import org.hl7gw.splitter.SplitMessage;
import org.hl7gw.splitter.StrictChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway validate FILE...}: checks files without sending anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check HL7 v2 files: the batch envelope [FHS] { [BHS] { MSH ... } [BTS] } [FTS], the BTS-1 and FTS-1 counts, "
                + "segment structure and every MSH (separators, MSH-9, MSH-10). Nothing is sent or stored.",
            "Exit 0 when every file is valid, 1 when any is invalid, 2 on usage errors."})
final class ValidateCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check.")
    List<Path> files;

    @Option(names = "--json", description = "One JSON object per file per line: file, valid, batches, messages, controlIds, errors, warnings.")
    boolean json;

    @Option(names = "--strict", description = "Also parse every message with HAPI and report what it rejects.")
    boolean strict;

    @Mixin
    ValidationOptions validation = new ValidationOptions();

    ValidateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        InputFiles.requireReadable(files);
        BatchReader reader = new BatchReader(validation.settings());
        boolean allValid = true;
        try (StrictChecker checker = strict ? new StrictChecker() : null) {
            for (Path file : files) {
                allValid &= json ? validateJson(reader, checker, file) : validateHuman(reader, checker, file);
            }
        }
        return allValid ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private boolean validateHuman(BatchReader reader, StrictChecker checker, Path file) throws IOException {
        List<Problem> strictProblems = new ArrayList<>();
        BatchReport r = read(reader, checker, file, strictProblems, MessageSink.discard());
        boolean valid = r.valid() && strictProblems.isEmpty();
        terminal.out().printf("%-8s %s: %d batch%s, %d message%s%n", valid ? "OK" : "INVALID", r.file(),
                r.batches(), r.batches() == 1 ? "" : "es", r.messages(), r.messages() == 1 ? "" : "s");
        for (String e : r.errorLines()) {
            terminal.out().println("  error: " + e);
        }
        for (Problem p : strictProblems) {
            terminal.out().println("  error: " + p.toString(r.file()));
        }
        for (String w : r.warningLines()) {
            terminal.out().println("  warning: " + w);
        }
        return valid;
    }

    /** Streams control IDs as they are read, so that memory does not grow with the file. */
    private boolean validateJson(BatchReader reader, StrictChecker checker, Path file) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(new NonClosing(terminal.out()));
        g.writeStartObject();
        g.writeStringField("file", file.toString());
        g.writeArrayFieldStart("controlIds");
        List<Problem> strictProblems = new ArrayList<>();
        BatchReport r = read(reader, checker, file, strictProblems, m -> g.writeString(m.header().controlId().value()));
        g.writeEndArray();
        boolean valid = r.valid() && strictProblems.isEmpty();
        g.writeBooleanField("valid", valid);
        g.writeNumberField("batches", r.batches());
        g.writeNumberField("messages", r.messages());
        g.writeNumberField("bytes", r.bytes());
        g.writeArrayFieldStart("errors");
        for (String e : r.errorLines()) {
            g.writeString(e);
        }
        for (Problem p : strictProblems) {
            g.writeString(p.toString(r.file()));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("warnings");
        for (String w : r.warningLines()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        terminal.out().println();
        return valid;
    }

    private static BatchReport read(BatchReader reader, StrictChecker checker, Path file, List<Problem> strictProblems, MessageSink sink)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            if (checker == null) {
                return reader.validate(in, file.toString(), sink);
            }
            return reader.split(in, file.toString(), new MessageSink() {
                @Override
                public void message(SplitMessage m) throws IOException {
                    checker.check(m).ifPresent(strictProblems::add);
                    sink.message(m);
                }
            });
        }
    }

    /** Lets the JSON generator write to stdout without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
