package jp.kakekin.cli;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calculation.CalculationService;
import jp.kakekin.config.LedgerProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code calculate}: the figures of one document for every contract of a ledger file. */
@Command(name = "calculate", mixinStandardHelpOptions = true,
        description = "Writes one JSON object per ledger record, in input order; exits 2 if any record failed validation.")
public class CalculateCommand implements Callable<Integer> {

    @Option(names = "--document", required = true,
            description = "NOVEMBER_CERTIFICATE, FEBRUARY_CERTIFICATE, SAFETY_TAX_STATEMENT or SAFETY_PAYMENT_STATUS")
    DocumentKind document;

    @Option(names = "--year", required = true, description = "the year the certificate is for (証明年分)")
    int year;

    @Option(names = "--input", required = true, description = "ledger file: .jsonl (JSON Lines) or .json")
    Path input;

    @Option(names = "--output", description = "output JSON Lines file (default: standard output)")
    Path output;

    @Option(names = "--address-cutoff", description = "override the address cutoff (default: second Friday of October / January)")
    LocalDate addressCutoff;

    private final Calculator calculator;
    private final LedgerProperties ledger;

    public CalculateCommand(Calculator calculator, LedgerProperties ledger) {
        this.calculator = calculator;
        this.ledger = ledger;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(input)) {
            System.err.println("calculate: cannot read " + input);
            return 1;
        }
        CalculationService service = new CalculationService(calculator, ledger.maxLineBytesOrDefault());
        CalculationService.Summary summary;
        if (output != null) {
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                summary = service.run(input, out, document, year, addressCutoff);
            }
        } else {
            Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            summary = service.run(input, out, document, year, addressCutoff);
            out.flush();
        }
        System.err.printf("calculate: %d records, %d failed validation%n", summary.records(), summary.failed());
        return summary.failed() > 0 ? 2 : 0;
    }
}
