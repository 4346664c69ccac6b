package jp.kakekin.cli;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.Figures;
import jp.kakekin.document.CertificateView;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerFormatException;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.render.CertificatePdf;
import jp.kakekin.render.CertificateRenderException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code render}: the certificate PDF of every issued contract of a ledger file, for operators who edit
 * the layouts. Writes {@code <contractNo>.pdf} per issued contract; reports on standard error, by file
 * and line, every record it could not render and why (a ledger line that fails validation, a character
 * no font has, a layout that overflows its page). Exits 0 when everything issued was rendered, 2 when
 * something was reported.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Renders one certificate PDF per issued contract of a ledger file and reports the ones it could not render.")
public class RenderCommand implements Callable<Integer> {

    @Option(names = "--document", required = true, description = "NOVEMBER_CERTIFICATE or FEBRUARY_CERTIFICATE")
    DocumentKind document;

    @Option(names = "--year", required = true, description = "the year the certificate is for (証明年分)")
    int year;

    @Option(names = "--input", required = true, description = "ledger file: .jsonl (JSON Lines) or .json")
    Path input;

    @Option(names = "--out", required = true, description = "directory for the PDFs (created if missing)")
    Path out;

    @Option(names = "--issue-date", description = "証明日 printed on the certificates (default: today)")
    LocalDate issueDate;

    @Option(names = "--address-cutoff", description = "override the address cutoff (default: second Friday of October / January)")
    LocalDate addressCutoff;

    private final Calculator calculator;
    private final CertificateViews views;
    private final CertificatePdf pdf;

    public RenderCommand(Calculator calculator, CertificateViews views, CertificatePdf pdf) {
        this.calculator = calculator;
        this.views = views;
        this.pdf = pdf;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (document != DocumentKind.NOVEMBER_CERTIFICATE && document != DocumentKind.FEBRUARY_CERTIFICATE) {
            err.println("render: no certificate layout for " + document);
            return 1;
        }
        if (!Files.isReadable(input)) {
            err.println("render: cannot read " + input);
            return 1;
        }
        Files.createDirectories(out);
        LocalDate issuedOn = issueDate != null ? issueDate : LocalDate.now();
        String file = input.getFileName().toString();
        long records = 0;
        long rendered = 0;
        long notIssued = 0;
        long reported = 0;
        Map<String, Long> written = new HashMap<>();
        try (LedgerReader reader = LedgerReader.open(input)) {
            while (reader.hasNext()) {
                LedgerRecord record = reader.next();
                records++;
                String where = file + ":" + record.line();
                switch (record) {
                    case LedgerRecord.Invalid bad -> {
                        err.println("render: " + bad.message());
                        reported++;
                    }
                    case LedgerRecord.Valid ok -> {
                        Ledger ledger = ok.ledger();
                        try {
                            if (ledger.scheme() != document.scheme()) {
                                notIssued++;
                                continue;
                            }
                            Figures figures = calculator.calculate(document, ledger, year, addressCutoff);
                            if (!(figures instanceof CertificateFigures f) || !f.issued()) {
                                notIssued++;
                                continue;
                            }
                            Long earlier = written.putIfAbsent(ledger.contractNo(), record.line());
                            if (earlier != null) {
                                err.printf("render: %s: contract %s already rendered from line %d; not overwritten%n",
                                        where, ledger.contractNo(), earlier);
                                reported++;
                                continue;
                            }
                            UniqueCode code = UniqueCode.of(document, year, ledger.contractNo(), ledger.checkDigits(), 0);
                            CertificateView view = views.view(f, ledger, code, issuedOn);
                            Files.write(out.resolve(ledger.contractNo() + ".pdf"), pdf.render(view));
                            rendered++;
                        } catch (CertificateRenderException e) {
                            err.println("render: " + where + ": " + e.getMessage());
                            reported++;
                        } catch (RuntimeException e) {
                            err.println("render: " + where + ": contract " + ledger.contractNo() + ": " + e);
                            reported++;
                        }
                    }
                }
            }
        } catch (LedgerFormatException e) {
            err.println("render: " + e.getMessage());
            return 1;
        }
        err.printf("render: %d records, %d rendered to %s, %d not issued, %d reported%n", records, rendered, out,
                notIssued, reported);
        return reported > 0 ? 2 : 0;
    }
}
