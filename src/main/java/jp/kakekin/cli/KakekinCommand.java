package jp.kakekin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * The command-line face of kakekin; each subcommand is a thin adapter over one capability. Arguments
 * {@code --x.y=z} with a dotted key are Spring configuration and never reach picocli (jp.kakekin.Main).
 */
@Command(name = "kakekin", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        description = {"Deduction certificates and tax statements of 小規模企業共済 and 経営セーフティ共済.",
                "With no command it serves (like 'serve'). Any --key=value with a dotted key is Spring "
                        + "configuration for every command, e.g. --server.port=9090, "
                        + "--spring.profiles.active=postgres, --logging.level.root=warn, --kakekin.print.workers=4."})
public class KakekinCommand implements Runnable {

    /**
     * The subcommands, in the order the usage help lists them. Not in the {@code @Command} annotation: picocli
     * builds the model of every subcommand there (reflection over its options, classes the JVM's start-up cache
     * cannot hold: picocli's are Java 5 class files) on every start, twice — ≈ 0.35 s of a print run's start;
     * {@link #commandLine} adds only the one a command line names.
     */
    public static final List<Class<?>> COMMANDS = List.of(
            ServeCommand.class,
            CalculateCommand.class,
            RenderCommand.class,
            ExportEDeliveryCommand.class,
            VerifyCommand.class,
            GenerateLedgerCommand.class,
            BenchCalculateCommand.class,
            BenchRenderCommand.class, BenchReferenceCommand.class,
            ImportCommand.class, ReissueRunCommand.class, BenchReissueCommand.class,
            PrintRunCommand.class,
            CorrectionsCommand.class,
            PrintWorkerCommand.class,
            RunsCommand.class,
            ArchiveVerifyCommand.class);

    /**
     * The command line of kakekin for {@code args} (the command's arguments, without Spring's): with the one
     * subcommand its first word names, or with every subcommand when that is not a command's name (no command,
     * {@code --help} or {@code --version} first, an unknown name: picocli then lists them or suggests one).
     */
    public static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
        CommandLine cli = new CommandLine(new KakekinCommand(), factory);
        Class<?> named = named(args);
        for (Class<?> command : named != null ? List.<Class<?>>of(named) : COMMANDS) {
            cli.addSubcommand(command);
        }
        return cli;
    }

    /** The subcommand the first of {@code args} names (by name or alias), or null. */
    static Class<?> named(String... args) {
        if (args.length == 0) {
            return null;
        }
        for (Class<?> command : COMMANDS) {
            Command c = command.getAnnotation(Command.class);
            if (c.name().equals(args[0]) || List.of(c.aliases()).contains(args[0])) {
                return command;
            }
        }
        return null;
    }

    @Override
    public void run() {
        commandLine(CommandLine.defaultFactory()).usage(System.out);
    }
}
