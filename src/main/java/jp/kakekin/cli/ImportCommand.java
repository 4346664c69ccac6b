package jp.kakekin.cli;

import jp.kakekin.config.LedgerProperties;
import jp.kakekin.ledger.LedgerFormatException;
import jp.kakekin.ledger.Printable;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.store.ImportSummary;
import jp.kakekin.store.LedgerImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code import}: loads a ledger file into the store (docs/reissue.md). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Loads a ledger (.jsonl or .json) into the store; a contract imported again replaces its "
                + "ledger.", "Rejected records are listed on standard error as file:line: field: message; "
                + "exits 2 if any record was rejected, 1 if the file could not be read."})
public class ImportCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "ledger file: .jsonl (JSON Lines) or .json")
    Path input;

    private final LedgerImport ledgerImport;
    private final LedgerProperties ledger;

    public ImportCommand(LedgerImport ledgerImport, LedgerProperties ledger) {
        this.ledgerImport = ledgerImport;
        this.ledger = ledger;
    }

    @Override
    public Integer call() {
        if (!Files.isReadable(input)) {
            System.err.println("import: cannot read " + input);
            return 1;
        }
        ImportSummary summary;
        // Every bad record (not UTF-8, too long, a field the parser or the database refuses) is one line on
        // standard error and the others are imported; only a file that cannot be read at all stops the import.
        try (LedgerReader reader = LedgerReader.open(input, ledger.maxLineBytesOrDefault())) {
            summary = ledgerImport.run(reader, error -> System.err.println(error));
        } catch (LedgerFormatException | UncheckedIOException e) {
            System.err.println("import: " + Printable.of(e.getMessage(), Printable.MAX_MESSAGE));
            return 1;
        }
        System.out.println("import: " + input.getFileName() + ": " + summary);
        return summary.rejected() > 0 ? 2 : 0;
    }
}
