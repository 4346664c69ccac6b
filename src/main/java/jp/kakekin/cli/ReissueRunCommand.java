package jp.kakekin.cli;

import jp.kakekin.reissue.ReissueBatch;
import jp.kakekin.reissue.ReissueProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code reissue-run}: prints the reissue requests queued by the web form as one batch (docs/reissue.md). */
@Command(name = "reissue-run", mixinStandardHelpOptions = true,
        description = "Prints the queued reissue requests as a print batch (a PDF per letter, manifest.csv, "
                + "exceptions.csv, summary.json); exits 2 if any request could not be printed. A batch that was stopped "
                + "or killed is finished first (exit 1: failed, run again; 3: running elsewhere).")
public class ReissueRunCommand implements Callable<Integer> {

    @Option(names = "--output", description = "directory for the batch (default: kakekin.reissue.batch-directory)")
    Path output;

    @Option(names = "--recover", description = "the unfinished batch's process is dead although it cannot be checked "
            + "from here (another host): mark its execution FAILED and finish it")
    boolean recover;

    private final ReissueBatch batch;
    private final ReissueProperties properties;

    public ReissueRunCommand(ReissueBatch batch, ReissueProperties properties) {
        this.batch = batch;
        this.properties = properties;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = output != null ? output : properties.batchDirectory();
        java.util.Optional<ReissueBatch.Report> report;
        try {
            report = batch.run(dir, recover);
        } catch (jp.kakekin.batch.RunLauncher.InProgress e) {
            System.err.println("reissue-run: " + e.getMessage());
            return 3;
        } catch (IllegalStateException e) {
            System.err.println("reissue-run: " + e.getMessage());
            return 1;
        }
        return report.map(r -> {
            System.out.printf("reissue-run: batch %s in %s: %d letter(s) for %d request(s), %d not printed%n",
                    r.batchId(), r.directory(), r.letters(), r.requests(), r.failed());
            return r.failed() > 0 ? 2 : 0;
        }).orElseGet(() -> {
            System.out.println("reissue-run: nothing queued");
            return 0;
        });
    }
}
