package jp.kakekin.statement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes the sample SAFETY documents shown in docs/safety-statements.md: run from the project root with
 * the test classpath, then {@code pdftoppm -png -r 80}. Not a test.
 */
public final class StatementShowcase {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/showcase");
        Files.createDirectories(out);
        write(out, "safety-individual-statement", "T03-individual-december-prepay-24", StatementForm.INDIVIDUAL,
                LocalDate.of(2027, 1, 20));
        write(out, "safety-individual-statement-rejoin", "T05-rejoin-within-two-years", StatementForm.INDIVIDUAL,
                LocalDate.of(2027, 1, 20));
        write(out, "safety-corporate-statement", "T04-corporate-march-year-end", StatementForm.CORPORATE,
                LocalDate.of(2027, 5, 10));
        write(out, "safety-payment-status", "P01-failed-transfer-november", StatementForm.PAYMENT_STATUS,
                LocalDate.of(2027, 2, 12));
        write(out, "safety-payment-status-prepaid", "P02-long-prepayment", StatementForm.PAYMENT_STATUS,
                LocalDate.of(2027, 2, 12));
        write(out, "safety-payment-status-cap", "P03-cap-reached-june", StatementForm.PAYMENT_STATUS,
                LocalDate.of(2027, 2, 12));
        write(out, "safety-payment-status-cancelled", "P04-cancelled-april", StatementForm.PAYMENT_STATUS,
                LocalDate.of(2027, 2, 12));
        archiveCopy(out, "statement-archive-copy", "T03-individual-december-prepay-24", StatementForm.INDIVIDUAL,
                LocalDate.of(2027, 1, 20));
    }

    /** The archive copy (PDF/A-3b, docs/archive.md) of a statement issued on the API, as StatementIssue makes it. */
    private static void archiveCopy(Path out, String name, String caseId, StatementForm form, LocalDate issuedOn)
            throws Exception {
        SafetyCases.Case c = SafetyCases.load(caseId);
        if (!(SafetyCases.statements().pdf(c.ledger(), form, c.year(), issuedOn, null) instanceof SafetyStatements.Pdf pdf)) {
            throw new IllegalStateException(caseId);
        }
        var store = new jp.kakekin.archive.FileSystemArchiveStore(Files.createTempDirectory("kakekin-showcase-archive"));
        var archived = new jp.kakekin.archive.IssuedDocumentArchiver(new jp.kakekin.archive.DocumentArchive(store), null,
                "独立行政法人中小企業基盤整備機構").archive(pdf.bytes(), pdf.uniqueCode(), pdf.issued().figures(), c.ledger(),
                c.ledger().contractNo() + "-" + c.ledger().checkDigits() + " " + c.ledger().holder().name(), issuedOn);
        Files.write(out.resolve(name + ".pdf"), store.get(archived.key()).orElseThrow());
    }

    private static void write(Path out, String name, String caseId, StatementForm form, LocalDate issuedOn)
            throws Exception {
        SafetyCases.Case c = SafetyCases.load(caseId);
        SafetyStatements.Rendering r = SafetyCases.statements().pdf(c.ledger(), form, c.year(), issuedOn, null);
        if (!(r instanceof SafetyStatements.Pdf pdf)) {
            throw new IllegalStateException(caseId + ": " + r);
        }
        Files.write(out.resolve(name + ".pdf"), pdf.bytes());
    }
}
