package jp.kakekin.print;

import jp.kakekin.barcode.CustomerBarcode;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.ledger.Address;
import jp.kakekin.report.CsvTable;

import java.time.LocalDate;
import java.util.StringJoiner;

/**
 * One row of {@code manifest.csv}: where a document was printed and the issue record that lets a
 * reissue or the e-私書箱 export reproduce it (year, issue, figures, address used, batch, page, run id).
 * The columns are the components of the row record ({@link CertificateRow} for the certificate issues,
 * {@link PaymentStatusRow} for the 掛金納付状況兼領収書), written and read back by {@link CsvTable}: the
 * first twelve are the same for every issue; the last, {@code customerBarcode}, is the カスタマバーコード's
 * data before encoding (postal code + 住所表示番号, e.g. {@code 26300233-30-8-403}), empty where none is
 * printed. The manifest is a report: the register is fed from the documents in memory, never from it.
 */
sealed interface ManifestRow permits ManifestRow.CertificateRow, ManifestRow.PaymentStatusRow {

    /** The manifest of the certificate issues (NOVEMBER, FEBRUARY). */
    String HEADER = String.join(",", CsvTable.columns(CertificateRow.class));

    /**
     * The manifest of the 掛金納付状況兼領収書: its figures, {@code months} being the twelve months of the
     * year, January first, as {@code STATE:amount} joined by {@code |} (e.g. {@code PAID:50000|SUSPENDED:0|…}).
     */
    String PAYMENT_STATUS_HEADER = String.join(",", CsvTable.columns(PaymentStatusRow.class));

    /** Column positions, for readers of the file (tests, operators' scripts): the same in both row types. */
    int BATCH_FILE = 3;
    int PAGE = 4;
    int CONTRACT_NO = 5;
    int UNIQUE_CODE = 7;
    int POSTAL_CODE = 8;

    String batchFile();

    int page();

    String uniqueCode();

    /** A certificate (NOVEMBER, FEBRUARY): {@code deduction} empty = {@code ****}, {@code withheld} the reasons joined by {@code |}. */
    record CertificateRow(long runId, int year, String issue, String batchFile, int page, String contractNo,
                          String checkDigits, String uniqueCode, String postalCode, String addressLine1,
                          String addressLine2, String holderName, long monthlyPremium, long paid, long scheduled,
                          long discountPaid, Long deduction, String withheld, LocalDate runDate,
                          LocalDate addressCutoff, LocalDate dataCutoff, long line, String customerBarcode)
            implements ManifestRow {
    }

    /** A 経営セーフティ共済 掛金納付状況兼領収書. */
    record PaymentStatusRow(long runId, int year, String issue, String batchFile, int page, String contractNo,
                            String checkDigits, String uniqueCode, String postalCode, String addressLine1,
                            String addressLine2, String holderName, long totalPaid, long applied, long prepaidBalance,
                            long discountPaid, java.time.YearMonth discountPaidMonth, LocalDate cancelledOn,
                            String months, LocalDate runDate, LocalDate addressCutoff, long line,
                            String customerBarcode) implements ManifestRow {
    }

    /** The row type of an issue's manifest. */
    static Class<? extends ManifestRow> type(PrintIssue issue) {
        return issue == PrintIssue.SAFETY_PAYMENT_STATUS ? PaymentStatusRow.class : CertificateRow.class;
    }

    static String header(PrintIssue issue) {
        return issue == PrintIssue.SAFETY_PAYMENT_STATUS ? PAYMENT_STATUS_HEADER : HEADER;
    }

    /** The row of a document printed on {@code page} of {@code batch}, from the document itself. */
    static ManifestRow of(long runId, PrintRunParameters run, int batch, int page, IssuedCertificate c) {
        Address a = c.address();
        String file = RunFolder.batchFileName(batch);
        String barcode = CustomerBarcode.forAddress(c.postalCode(), a.line1(), a.line2())
                .map(CustomerBarcode::data).orElse(null);
        return switch (c.figures()) {
            case CertificateFigures f -> {
                StringJoiner why = new StringJoiner("|");
                for (WhyWithheld w : WhyWithheld.values()) {
                    if (f.withheld().contains(w)) {
                        why.add(w.name());
                    }
                }
                yield new CertificateRow(runId, run.year(), run.issue().name(), file, page, c.contractNo(),
                        c.checkDigits(), c.uniqueCode().value(), c.postalCode(), a.line1(), a.line2(), c.holderName(),
                        f.monthlyPremium(), f.paid(), f.scheduled(), f.discountPaid(), f.deduction(), why.toString(),
                        run.runDate(), f.addressCutoff(), f.dataCutoff(), c.line(), barcode);
            }
            case SafetyPaymentStatusFigures f -> {
                StringJoiner months = new StringJoiner("|");
                for (SafetyPaymentStatusFigures.Month m : f.months()) {
                    months.add(m.state().name() + ":" + m.amount());
                }
                yield new PaymentStatusRow(runId, run.year(), run.issue().name(), file, page, c.contractNo(),
                        c.checkDigits(), c.uniqueCode().value(), c.postalCode(), a.line1(), a.line2(), c.holderName(),
                        f.totalPaid(), f.applied(), f.prepaidBalance(), f.discountPaid(), f.discountPaidMonth(),
                        f.cancelledOn(), months.toString(), run.runDate(), run.addressCutoff(), c.line(), barcode);
            }
            default -> throw new IllegalArgumentException("no print run for " + c.figures().document());
        };
    }
}
