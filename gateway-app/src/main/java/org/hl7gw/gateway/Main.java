package org.hl7gw.gateway;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.hl7gw.gateway.cli.GatewayCommand;
import org.hl7gw.gateway.cli.ExitCodes;
import org.hl7gw.gateway.cli.Terminal;
import picocli.CommandLine;

/** The {@code gateway} program. Exit codes: 0 success, 1 failure (invalid input, delivery not complete), 2 usage error. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit code. Used by tests in-process. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    /** The configured command tree (also what tests walk to check every command's help). */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        Terminal terminal = new Terminal(out, err);
        CommandLine cl = new CommandLine(new GatewayCommand(), new CommandFactory(terminal));
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(new ExitCodes.Handler(terminal));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
