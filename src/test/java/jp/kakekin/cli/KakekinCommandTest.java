package jp.kakekin.cli;

import jp.kakekin.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line is built with the one subcommand it names, or with all of them when it names none. */
class KakekinCommandTest {

    @Test
    void theFirstWordNamesTheOnlySubcommandBuilt() {
        for (Class<?> command : KakekinCommand.COMMANDS) {
            Command c = command.getAnnotation(Command.class);
            assertThat(KakekinCommand.named(c.name(), "--help")).as(c.name()).isEqualTo(command);
            for (String alias : c.aliases()) {
                assertThat(KakekinCommand.named(alias)).as(alias).isEqualTo(command);
            }
        }
        assertThat(KakekinCommand.named("runs", "void", "7")).isEqualTo(RunsCommand.class);
        // Not a command's name first: every subcommand (top-level help lists them, a typo gets a suggestion).
        assertThat(KakekinCommand.named()).isNull();
        assertThat(KakekinCommand.named("--help", "print-run")).isNull();
        assertThat(KakekinCommand.named("-V")).isNull();
        assertThat(KakekinCommand.named("prnt-run")).isNull();
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.runCommand("--help")).isZero();
        } finally {
            System.setOut(out);
        }
        String help = captured.toString(StandardCharsets.UTF_8);
        for (Class<?> command : KakekinCommand.COMMANDS) {
            assertThat(help).contains("  " + command.getAnnotation(Command.class).name() + " ");
        }
    }
}
