package org.hl7gw.splitter;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one file.
 *
 * @param file the file's name as given to the reader
 * @param valid no errors (warnings allowed)
 * @param batches batches in the file (BHS..BTS pairs; messages without BHS form one implicit batch)
 * @param messages messages in the file
 * @param bytes bytes read
 * @param errors the errors, in file order (at most the configured number)
 * @param moreErrors errors found beyond those kept
 * @param warnings the warnings, in file order
 * @param moreWarnings warnings found beyond those kept
 */
public record BatchReport(String file, boolean valid, int batches, long messages, long bytes,
                          List<Problem> errors, long moreErrors, List<Problem> warnings, long moreWarnings) {
    public BatchReport {
        Objects.requireNonNull(file, "file");
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** Errors as lines {@code FILE: line N (offset X) SEG: text}, with a last line counting any left out. */
    public List<String> errorLines() {
        return lines(errors, moreErrors, "error");
    }

    public List<String> warningLines() {
        return lines(warnings, moreWarnings, "warning");
    }

    /** The first error, for one-line summaries (ledger error column, result files). */
    public String firstError() {
        return errors.isEmpty() ? null : errors.get(0).toString(file);
    }

    /** All errors on one line each, joined by newlines: what the ledger stores. */
    public String errorText() {
        return String.join("\n", errorLines());
    }

    private List<String> lines(List<Problem> problems, long more, String noun) {
        var out = new java.util.ArrayList<String>(problems.size() + 1);
        for (Problem p : problems) {
            out.add(p.toString(file));
        }
        if (more > 0) {
            out.add(file + ": ... and " + more + " more " + noun + (more == 1 ? "" : "s"));
        }
        return out;
    }
}
