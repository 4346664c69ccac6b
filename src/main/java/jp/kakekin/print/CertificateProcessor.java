package jp.kakekin.print;

import jp.kakekin.batch.LedgerLine;
import jp.kakekin.report.Exclusion;

import jp.kakekin.calc.HeldFigures;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.ReasonCode;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerError;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import java.util.List;
import java.util.Optional;

/**
 * Validate → calculate → keep the issued ones: each ledger line becomes either a document to print (a
 * certificate, or the 掛金納付状況兼領収書 of a SAFETY run) or an exclusion with its reason. Nothing is
 * filtered silently; every line comes out as one or the other.
 */
class CertificateProcessor implements ItemProcessor<LedgerLine, Outcome> {

    /**
     * Longer than any field that fits on a certificate; keeps an absurd ledger value from reaching the
     * sort runs (whose string fields are limited to 64 KB).
     */
    static final int MAX_FIELD_LENGTH = 2_000;

    private final Issuer issuer;
    private final PrintRunParameters run;
    private final String fileName;
    private final CertificatePrinter printer;

    CertificateProcessor(Issuer issuer, PrintRunParameters run, CertificatePrinter printer) {
        this.issuer = issuer;
        this.run = run;
        this.fileName = run.input().getFileName().toString();
        this.printer = printer;
    }

    @Override
    public Outcome process(LedgerLine item) {
        long line = item.line();
        // the same checks as every command (size, BOM, strict UTF-8, duplicate keys); the reader skipped blanks
        LedgerRecord record = LedgerReader.parseLine(fileName, item.raw());
        return switch (record) {
            case LedgerRecord.Invalid bad -> excluded(line, bad.contractNo(), null, ReasonCode.INVALID_LEDGER_LINE,
                    bad.message());
            case LedgerRecord.Valid ok -> calculate(line, ok.ledger());
        };
    }

    private Outcome calculate(long line, Ledger ledger) {
        String key = ledger.contractNo();
        IssueContext context = IssueContext.run(run.runDate()).withAddressCutoff(run.addressCutoff())
                .asTrial(run.trial());
        // The issuance core decides; this step only maps its outcome to a document to sort or an exclusion.
        // Its decision alone (no view: the print step makes the view, with its QR token, when it prints).
        return switch (issuer.decide(ledger, run.document(), run.year(), context)) {
            case Issuance.NotIssued n -> excluded(line, key, null, n.reason(),
                    n.reason() == ReasonCode.CALCULATION_FAILED ? fileName + ":" + line + ": " + n.detail() : n.detail());
            case Issuance.Held h -> excluded(line, key, null, ReasonCode.HELD, h.detail());
            case Issuance.Issued i -> {
                IssuedCertificate certificate = new IssuedCertificate(line, ledger.checkDigits(),
                        ledger.holder().name(), i.address(), i.figures());
                String tooLong = tooLong(certificate);
                if (tooLong != null) {
                    yield excluded(line, key, i.uniqueCode().value(), ReasonCode.RENDER_FAILED, tooLong);
                }
                Optional<Exclusion> unprintable = printer.check(certificate, run.runDate());
                yield unprintable.<Outcome>map(e -> new Outcome.Excluded(e, key))
                        .orElseGet(() -> new Outcome.Issued(certificate));
            }
        };
    }

    static String heldDetail(HeldFigures h) {
        return new Issuance.Held(h.codes(), h).detail();
    }

    private static String tooLong(IssuedCertificate c) {
        String[][] fields = {{"holder.name", c.holderName()}, {"address.line1", c.address().line1()},
                {"address.line2", c.address().line2()}};
        for (String[] f : fields) {
            if (f[1] != null && f[1].length() > MAX_FIELD_LENGTH) {
                return "%s is %,d characters long; it cannot fit the certificate".formatted(f[0], f[1].length());
            }
        }
        return null;
    }

    private static Outcome excluded(long line, String validContractNo, String uniqueCode, ReasonCode reason,
                                    String detail) {
        String contractNo = validContractNo;
        return new Outcome.Excluded(new Exclusion(line, contractNo, uniqueCode, reason, detail),
                reason == ReasonCode.INVALID_LEDGER_LINE || reason == ReasonCode.OTHER_SCHEME
                        ? null : validContractNo);
    }
}
