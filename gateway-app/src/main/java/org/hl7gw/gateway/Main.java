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
        // FTPS pollers reuse the control connection's TLS session for data (vsftpd's require_ssl_reuse); this
        // must be set before any TLS is used
        org.hl7gw.poller.FtpsSessionReuse.prepareJvm();
        quietUnlessService(args);
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Commands print their results on stdout; their routine INFO logs (database opened, lane connected) would
     * only clutter stderr. The service and the demo log at INFO. Set -Dhl7gw.log.level to choose.
     */
    private static void quietUnlessService(String[] args) {
        boolean service = args.length > 0 && (args[0].equals("run") || args[0].equals("demo"));
        if (!service && System.getProperty("hl7gw.log.level") == null) {
            System.setProperty("hl7gw.log.level", "WARN");
        }
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
