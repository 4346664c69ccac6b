package jp.kakekin.cli;

import jp.kakekin.synthetic.SyntheticLedgers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code generate-ledger}: deterministic synthetic ledgers for load tests and demos (docs/generator.md). */
@Command(name = "generate-ledger", mixinStandardHelpOptions = true,
        description = "Writes N synthetic ledgers as JSON Lines; the same arguments always give the same bytes.")
public class GenerateLedgerCommand implements Callable<Integer> {

    @Option(names = "--count", required = true, description = "number of ledgers (at most 9,000,000)")
    long count;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--year", required = true, description = "the certificate year Y the ledgers are built around")
    int year;

    @Option(names = "--export", defaultValue = "MIXED",
            description = "when the ledgers were exported: OCTOBER (November run), JANUARY (February run) or MIXED "
                    + "(default: ${DEFAULT-VALUE})")
    SyntheticLedgers.ExportPoint export;

    @Option(names = "--held-rate", defaultValue = "0",
            description = "share of records (0 to 1, e.g. 0.03) given a shape RULES.md 1.8 holds: FIRST_COLLECTION_SHAPE, "
                    + "SHORT_COLLECTION or REFUND_UNKNOWN (default: ${DEFAULT-VALUE}; the other records do not change)")
    double heldRate;

    @Option(names = "--output", description = "output file (default: standard output)")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (count < 0 || count > SyntheticLedgers.MAX_COUNT) {
            System.err.printf("generate-ledger: --count must be from 0 to %,d (contract numbers stay unique), was %d%n",
                    SyntheticLedgers.MAX_COUNT, count);
            return 1;
        }
        SyntheticLedgers ledgers;
        try {
            ledgers = new SyntheticLedgers(seed, year, export, heldRate);
        } catch (IllegalArgumentException e) {
            System.err.println("generate-ledger: " + e.getMessage());
            return 1;
        }
        long started = System.nanoTime();
        if (output != null) {
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                ledgers.writeJsonLines(count, out);
            }
        } else {
            // UTF-8 whatever the platform charset; the 64 KB buffer keeps System.out's flushing rare
            Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            ledgers.writeJsonLines(count, out);
            out.flush();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("generate-ledger: %,d ledgers for %d (seed %d, %s export%s) in %.1f s, %,.0f lines/s%n",
                count, year, seed, export, heldRate > 0 ? ", held rate " + heldRate : "", seconds,
                count / Math.max(seconds, 1e-9));
        return 0;
    }
}
