package jp.kakekin.cli;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.Figures;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerFormatException;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.render.CertificatePdf;
import jp.kakekin.render.CertificateRenderException;
import jp.kakekin.statement.SafetyStatements;
import jp.kakekin.statement.StatementForm;
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
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code render}: the PDF of every issued document of a ledger file, for operators who edit the layouts:
 * the 小規模企業共済 certificates, and the 経営セーフティ共済 documents — {@code SAFETY_TAX_STATEMENT} the
 * individual or corporate 明細書 as the holder is, {@code SAFETY_PAYMENT_STATUS} the 掛金納付状況兼領収書.
 * Writes {@code <contractNo>.pdf} per issued document; reports on standard error, by file and line, every
 * record it could not render and why (a ledger line that fails validation, a character no font has, a
 * layout that overflows its page). Exits 0 when everything issued was rendered, 2 when something was reported.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Renders one PDF per issued document of a ledger file and reports the ones it could not render.")
public class RenderCommand implements Callable<Integer> {

    @Option(names = "--document", required = true, description = "NOVEMBER_CERTIFICATE, FEBRUARY_CERTIFICATE, "
            + "SAFETY_TAX_STATEMENT (individual or corporate 明細書, by the holder) or SAFETY_PAYMENT_STATUS")
    DocumentKind document;

    @Option(names = "--year", required = true, description = "the year the document is for (証明年分; for a "
            + "corporation's 明細書 the 事業年度 ending in that year)")
    int year;

    @Option(names = "--input", required = true, description = "ledger file: .jsonl (JSON Lines) or .json")
    Path input;

    @Option(names = "--out", required = true, description = "directory for the PDFs (created if missing)")
    Path out;

    @Option(names = "--issue-date", description = "証明日・作成日 printed on the documents (default: today)")
    LocalDate issueDate;

    @Option(names = "--address-cutoff", description = "override the address cutoff (default: second Friday of "
            + "October / January; a 明細書 prints the address at the issue date)")
    LocalDate addressCutoff;

    private final Calculator calculator;
    private final CertificateViews views;
    private final CertificatePdf pdf;
    private final SafetyStatements statements;
    private final JapanClock clock;

    public RenderCommand(Calculator calculator, CertificateViews views, CertificatePdf pdf, SafetyStatements statements,
                         JapanClock clock) {
        this.calculator = calculator;
        this.views = views;
        this.pdf = pdf;
        this.statements = statements;
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (!Files.isReadable(input)) {
            err.println("render: cannot read " + input);
            return 1;
        }
        Files.createDirectories(out);
        LocalDate issuedOn = issueDate != null ? issueDate : clock.today();
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
                            Optional<DocumentView> issued = view(ledger, issuedOn);
                            if (issued.isEmpty()) {
                                notIssued++;
                                continue;
                            }
                            DocumentView view = issued.get();
                            Long earlier = written.putIfAbsent(ledger.contractNo(), record.line());
                            if (earlier != null) {
                                err.printf("render: %s: contract %s already rendered from line %d; not overwritten%n",
                                        where, ledger.contractNo(), earlier);
                                reported++;
                                continue;
                            }
                            Files.write(out.resolve(ledger.contractNo() + ".pdf"), pdf.render(view));
                            rendered++;
                        } catch (CertificateRenderException e) {
                            err.println("render: " + where + ": " + e.getMessage());
                            reported++;
                        } catch (RuntimeException e) {
                            err.println("render: " + where + ": contract " + ledger.contractNo() + ": "
                                    + jp.kakekin.ledger.Printable.of(e.toString(), jp.kakekin.ledger.Printable.MAX_MESSAGE));
                            reported++;
                        }
                    }
                }
            }
        } catch (LedgerFormatException | java.io.UncheckedIOException e) {
            err.println("render: " + jp.kakekin.ledger.Printable.of(e.getMessage(), jp.kakekin.ledger.Printable.MAX_MESSAGE));
            return 1;
        }
        err.printf("render: %d records, %d rendered to %s, %d not issued, %d reported%n", records, rendered, out,
                notIssued, reported);
        return reported > 0 ? 2 : 0;
    }

    /** The view of the contract's document, or empty when it gets none (not issued, nothing to state). */
    private Optional<DocumentView> view(Ledger ledger, LocalDate issuedOn) {
        return switch (document) {
            case NOVEMBER_CERTIFICATE, FEBRUARY_CERTIFICATE -> {
                Figures figures = calculator.calculate(document, ledger, year, addressCutoff);
                if (!(figures instanceof CertificateFigures f) || !f.issued()) {
                    yield Optional.empty();
                }
                UniqueCode code = UniqueCode.of(document, year, ledger.contractNo(), ledger.checkDigits(), 0);
                yield Optional.of(views.view(f, ledger, code, issuedOn));
            }
            case SAFETY_TAX_STATEMENT, SAFETY_PAYMENT_STATUS -> {
                boolean paymentStatus = document == DocumentKind.SAFETY_PAYMENT_STATUS;
                StatementForm form = paymentStatus ? StatementForm.PAYMENT_STATUS
                        : StatementForm.taxStatementOf(ledger.holder());
                // The 掛金納付状況兼領収書 is mailed with the February run: same address cutoff by default.
                LocalDate cutoff = addressCutoff != null ? addressCutoff
                        : paymentStatus ? AddressCutoff.february(year) : null;
                yield switch (statements.view(ledger, form, year, issuedOn, cutoff)) {
                    case SafetyStatements.Ready r -> Optional.of(r.view());
                    case SafetyStatements.Refused r -> Optional.empty();
                };
            }
        };
    }
}
