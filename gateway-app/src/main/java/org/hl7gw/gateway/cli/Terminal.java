package org.hl7gw.gateway.cli;

import java.io.PrintStream;

/** Where a command prints: results to {@link #out()}, diagnostics to {@link #err()}. */
public record Terminal(PrintStream out, PrintStream err) {
}
