package org.hl7gw.gateway.cli;

import org.hl7gw.core.ConfigurationException;
import org.hl7gw.core.GatewayException;
import picocli.CommandLine;

/** The program's exit codes and how exceptions map to them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private ExitCodes() {
    }

    /** Prints an exception as one line (never a stack trace for expected failures) and picks the exit code. */
    public static final class Handler implements CommandLine.IExecutionExceptionHandler {
        private final Terminal terminal;

        public Handler(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            if (e instanceof UsageException || e instanceof ConfigurationException) {
                terminal.err().println("error: " + e.getMessage());
                terminal.err().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
                return USAGE;
            }
            if (e instanceof GatewayException) {
                terminal.err().println("error: " + e.getMessage());
                return FAILED;
            }
            if (e instanceof java.io.IOException) {
                terminal.err().println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return FAILED;
            }
            terminal.err().println("error: unexpected " + e.getClass().getName() + ": " + e.getMessage());
            e.printStackTrace(terminal.err());
            return FAILED;
        }
    }
}
