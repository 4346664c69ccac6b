package jp.kakekin.cli;

import picocli.CommandLine.Command;

/** The command-line face of kakekin; each subcommand is a thin adapter over one capability. */
@Command(name = "kakekin", mixinStandardHelpOptions = true,
        description = "Deduction certificates and tax statements of 小規模企業共済 and 経営セーフティ共済.",
        subcommands = {
                CalculateCommand.class,
                RenderCommand.class,
                ExportEDeliveryCommand.class,
                VerifyCommand.class,
                GenerateLedgerCommand.class,
                BenchCalculateCommand.class,
                BenchRenderCommand.class,
                ImportCommand.class, ReissueRunCommand.class, BenchReissueCommand.class,
                PrintRunCommand.class,
                PrintWorkerCommand.class,
                ArchiveVerifyCommand.class,
        })
public class KakekinCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
