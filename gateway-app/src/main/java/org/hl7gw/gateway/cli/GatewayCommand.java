package org.hl7gw.gateway.cli;

import picocli.CommandLine.Command;

/** The top-level {@code gateway} command. */
@Command(name = "gateway",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "HL7 v2 batch file gateway: receives batch files (FHS/BHS/MSH.../BTS/FTS), validates and splits them, "
                + "and forwards every message over MLLP with a ledger of every file, message and attempt.",
        subcommands = {ValidateCommand.class, SplitCommand.class, SendCommand.class, LedgerCommand.class, RerunCommand.class, RunCommand.class,
            DecryptCommand.class, EncryptCommand.class, KeysCommand.class, PasswordHashCommand.class, DemoCommand.class,
            SchedulesCommand.class, PollCommand.class,
            picocli.CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure (invalid input, delivery not complete), 2 usage error.",
            "Run 'gateway COMMAND --help' for a command's options."},
        commandListHeading = "%nCommands:%n")
public final class GatewayCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
