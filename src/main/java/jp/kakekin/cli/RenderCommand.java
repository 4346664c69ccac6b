package jp.kakekin.cli;

import jp.kakekin.config.LedgerProperties;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.Specimen;
import jp.kakekin.issuance.Finality;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.issuance.JapanClock;
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

    @Option(names = "--trial", description = "a trial before the figures are final: every page marked 見本 (not "
            + "valid), written to <out>-trial")
    boolean trial;

    private final Issuer issuer;
    private final CertificatePdf pdf;
    private final JapanClock clock;
    private final LedgerProperties ledger;

    public RenderCommand(Issuer issuer, CertificatePdf pdf, JapanClock clock, LedgerProperties ledger) {
        this.issuer = issuer;
        this.pdf = pdf;
        this.clock = clock;
        this.ledger = ledger;
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (!Files.isReadable(input)) {
            err.println("render: cannot read " + input);
            return 1;
        }
        LocalDate today = clock.today();
        LocalDate issuedOn = issueDate != null ? issueDate : today;
        if (!trial) {
            // Final figures only: a document dated later than today, or before its data cutoff, is a trial's.
            if (issuedOn.isAfter(today)) {
                err.printf("render: the issue date %s is after today in Japan (%s); use --trial%n", issuedOn, today);
                return 2;
            }
            LocalDate cutoff = Finality.dataCutoff(document, year);
            if (document != DocumentKind.SAFETY_TAX_STATEMENT && !Finality.isFinal(cutoff, issuedOn)) {
                err.printf("render: the %s of %d is not final: its data cutoff %s has not passed in Japan (issue date "
                        + "%s); nothing rendered. Use --trial for 見本 pages.%n", document, year, cutoff, issuedOn);
                return 2;
            }
        }
        Path dir = trial ? out.resolveSibling(out.getFileName() + "-trial") : out;
        Files.createDirectories(dir);
        IssueContext context = IssueContext.run(issuedOn).withAddressCutoff(addressCutoff).asTrial(trial);
        String file = input.getFileName().toString();
        long records = 0;
        long rendered = 0;
        long notIssued = 0;
        long reported = 0;
        Map<String, Long> written = new HashMap<>();
        try (LedgerReader reader = LedgerReader.open(input, ledger.maxLineBytesOrDefault())) {
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
                            // The issuance core decides; render only maps the outcome to a file or a report line.
                            switch (issuer.issue(ledger, document, year, context)) {
                                case Issuance.NotIssued n when n.reason() == ReasonCode.OTHER_SCHEME
                                        || n.reason() == ReasonCode.NOT_ELIGIBLE_THIS_ISSUE -> notIssued++;
                                case Issuance.NotIssued n -> {
                                    err.printf("render: %s: contract %s: %s: %s%n", where, ledger.contractNo(),
                                            n.reason(), n.detail());
                                    reported++;
                                }
                                case Issuance.Held h -> {
                                    err.printf("render: %s: contract %s: HELD: %s%n", where, ledger.contractNo(),
                                            h.detail());
                                    reported++;
                                }
                                case Issuance.Issued i -> {
                                    Long earlier = written.putIfAbsent(ledger.contractNo(), record.line());
                                    if (earlier != null) {
                                        err.printf("render: %s: contract %s already rendered from line %d; not overwritten%n",
                                                where, ledger.contractNo(), earlier);
                                        reported++;
                                    } else {
                                        DocumentView view = trial ? new Specimen(i.view()) : i.view();
                                        Files.write(dir.resolve(ledger.contractNo() + ".pdf"), pdf.render(view));
                                        rendered++;
                                    }
                                }
                            }
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
        err.printf("render: %d records, %d rendered to %s%s, %d not issued, %d reported%n", records, rendered, dir,
                trial ? " (TRIAL: every page marked 見本)" : "", notIssued, reported);
        return reported > 0 ? 2 : 0;
    }
}
