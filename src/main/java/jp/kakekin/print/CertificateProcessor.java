package jp.kakekin.print;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Eligibility;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.HoldCode;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerError;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.issuance.StatementScope;
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

    private final Calculator calculator;
    private final PrintRunParameters run;
    private final String fileName;
    private final CertificatePrinter printer;

    CertificateProcessor(Calculator calculator, PrintRunParameters run, CertificatePrinter printer) {
        this.calculator = calculator;
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
            case LedgerRecord.Invalid bad -> excluded(line, bad.contractNo(), null, ExclusionReason.INVALID_LEDGER_LINE,
                    bad.message());
            case LedgerRecord.Valid ok -> calculate(line, ok.ledger());
        };
    }

    private Outcome calculate(long line, Ledger ledger) {
        if (ledger.scheme() != run.issue().scheme()) {
            return excluded(line, ledger.contractNo(), null, ExclusionReason.OTHER_SCHEME, ledger.scheme()
                    + (run.issue() == PrintIssue.SAFETY_PAYMENT_STATUS ? " contracts get no 経営セーフティ共済 掛金納付状況兼領収書"
                    : " contracts get no 小規模企業共済掛金控除証明書"));
        }
        String key = ledger.contractNo();
        Figures figures;
        try {
            figures = calculator.calculate(run.document(), ledger, run.year(), run.addressCutoff());
        } catch (RuntimeException e) {
            // One record the rules cannot cope with must not stop the run: it is reported.
            return excluded(line, key, null, ExclusionReason.CALCULATION_FAILED,
                    fileName + ":" + line + ": calculation failed: " + e);
        }
        Address address;
        switch (figures) {
            case CertificateFigures f -> {
                if (!f.issued()) {
                    return excluded(line, key, null, ExclusionReason.NOT_ELIGIBLE_THIS_ISSUE, notEligible(ledger));
                }
                address = f.address();
            }
            case SafetyPaymentStatusFigures f -> {
                Optional<String> nothing = StatementScope.paymentStatus(f);
                if (nothing.isPresent()) {
                    return excluded(line, key, null, ExclusionReason.NOT_ELIGIBLE_THIS_ISSUE, nothing.get());
                }
                address = AddressCutoff.addressAt(ledger.addresses(), run.addressCutoff());
            }
            case HeldFigures h -> {
                return excluded(line, key, null, ExclusionReason.HELD, heldDetail(h));
            }
            case SafetyTaxFigures f -> throw new IllegalStateException("no print run for " + f.document());
        }
        if (address == null) {
            return excluded(line, key, null, ExclusionReason.NO_ADDRESS, "the ledger has no address to mail to");
        }
        IssuedCertificate certificate = new IssuedCertificate(line, ledger.checkDigits(), ledger.holder().name(),
                address, figures);
        String tooLong = tooLong(certificate);
        if (tooLong != null) {
            return excluded(line, key, certificate.uniqueCode().value(), ExclusionReason.RENDER_FAILED, tooLong);
        }
        Optional<Exclusion> unprintable = printer.check(certificate, run.runDate());
        if (unprintable.isPresent()) {
            return new Outcome.Excluded(unprintable.get(), key);
        }
        return new Outcome.Issued(certificate);
    }

    private String notEligible(Ledger ledger) {
        int y = run.year();
        return switch (run.issue()) {
            case SAFETY_PAYMENT_STATUS -> throw new IllegalStateException("not a certificate issue");
            case NOVEMBER -> "no PAID payment dated %d-01-01..%d-09-30 and no earlier payment covering a month of %d (RULES.md 1.5)"
                    .formatted(y, y, y);
            case FEBRUARY -> Eligibility.november(ledger, y)
                    ? "gets the November issue of %d (RULES.md 1.5)".formatted(y)
                    : "no PAID payment dated %d-10-01..%d-12-31 (RULES.md 1.5)".formatted(y, y);
        };
    }

    /** The codes first (as RULES.md 1.8 lists them, separated by "|"), so the operator can filter on them. */
    static String heldDetail(HeldFigures h) {
        return h.codes().stream().map(HoldCode::name).collect(java.util.stream.Collectors.joining("|"))
                + ": the ledger contradicts the rules (RULES.md 1.8); held for the operator, nothing printed";
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

    private static Outcome excluded(long line, String validContractNo, String uniqueCode, ExclusionReason reason,
                                    String detail) {
        String contractNo = validContractNo;
        return new Outcome.Excluded(new Exclusion(line, contractNo, uniqueCode, reason, detail),
                reason == ExclusionReason.INVALID_LEDGER_LINE || reason == ExclusionReason.OTHER_SCHEME
                        ? null : validContractNo);
    }
}
