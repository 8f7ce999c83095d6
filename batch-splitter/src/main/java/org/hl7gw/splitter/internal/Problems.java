package org.hl7gw.splitter.internal;

import java.util.ArrayList;
import java.util.List;
import org.hl7gw.splitter.Problem;

/** Collects errors and warnings up to a limit, counting the rest. */
final class Problems {
    private final int max;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private long moreErrors;
    private long moreWarnings;

    Problems(int max) {
        this.max = max;
    }

    void error(long line, long offset, String segment, String text) {
        if (errors.size() < max) {
            errors.add(new Problem(line, offset, segment, text));
        } else {
            moreErrors++;
        }
    }

    void warning(long line, long offset, String segment, String text) {
        if (warnings.size() < max) {
            warnings.add(new Problem(line, offset, segment, text));
        } else {
            moreWarnings++;
        }
    }

    void fileError(String text) {
        if (errors.size() < max) {
            errors.add(Problem.ofFile(text));
        } else {
            moreErrors++;
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<Problem> errors() {
        return errors;
    }

    List<Problem> warnings() {
        return warnings;
    }

    long moreErrors() {
        return moreErrors;
    }

    long moreWarnings() {
        return moreWarnings;
    }
}
