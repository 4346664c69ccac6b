package jp.kakekin.cli;

import picocli.CommandLine.Command;

/**
 * The command-line face of kakekin; each subcommand is a thin adapter over one capability. Arguments
 * {@code --x.y=z} with a dotted key are Spring configuration and never reach picocli (jp.kakekin.Main).
 */
@Command(name = "kakekin", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        description = {"Deduction certificates and tax statements of 小規模企業共済 and 経営セーフティ共済.",
                "With no command it serves (like 'serve'). Any --key=value with a dotted key is Spring "
                        + "configuration for every command, e.g. --server.port=9090, "
                        + "--spring.profiles.active=postgres, --logging.level.root=warn, --kakekin.print.workers=4."},
        subcommands = {
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
                ArchiveVerifyCommand.class,
        })
public class KakekinCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
