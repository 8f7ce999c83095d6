package org.hl7gw.gateway.cli;

import org.hl7gw.core.delivery.FileStatus;
import org.hl7gw.ledger.FileRecord;

/** One-line summaries of ledger files, as {@code send}, {@code rerun} and {@code ledger files} print them. */
final class FileLines {
    private FileLines() {
    }

    static String summary(FileRecord f) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("file %-6d %-9s %s: %d message%s, delivered %d, rejected %d, failed %d, pending %d",
                f.id(), f.status(), f.originalName(), f.messages(), f.messages() == 1 ? "" : "s", f.delivered(), f.rejected(), f.failed(),
                f.pending()));
        if (f.status() == FileStatus.DUPLICATE && f.duplicateOf() != null) {
            sb.append(" (duplicate of file ").append(f.duplicateOf()).append("; --force sends it again)");
        }
        return sb.toString();
    }

    /** Every message delivered: what makes a command exit 0. */
    static boolean fullyDelivered(FileRecord f) {
        return f.status() == FileStatus.COMPLETED && f.delivered() == f.messages();
    }
}
