package org.hl7gw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CommandLineBasicsTest {

    @Test
    void versionNamesTheProgramAndItsVersion() {
        Cli r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("hl7gw gateway ");
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine root = org.hl7gw.gateway.Main.commandLine(System.out, System.err);
        assertThat(root.getSubcommands()).isNotEmpty();
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            helpOf(root.getSubcommands().get(name), name);
        }
    }

    private static void helpOf(CommandLine cmd, String path) {
        Cli r = Cli.run((path + " --help").split(" "));
        assertThat(r.exitCode()).as(path + " --help").isZero();
        assertThat(r.out()).as(path + " --help").contains("Usage: gateway " + path);
        for (var sub : cmd.getSubcommands().entrySet()) {
            if (!sub.getKey().equals("help")) {
                helpOf(sub.getValue(), path + " " + sub.getKey());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nonsense", "validate", "validate --bogus x"})
    void usageErrorsExitWithTwo(String args) {
        Cli r = Cli.run(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isNotBlank();
    }
}
