package jp.kakekin.print;

import jp.kakekin.barcode.CustomerBarcode;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.MonthState;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.ledger.Address;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One row of {@code manifest.csv}: where a document was printed and the issue record that lets a
 * reissue or the e-私書箱 export reproduce it (year, issue, figures, address used, batch, page, run id).
 * The first twelve columns are the same for every issue; the figures' columns are the document's own
 * ({@link #header(PrintIssue)}); the last, {@code customerBarcode}, is the カスタマバーコード's data before
 * encoding (postal code + 住所表示番号, e.g. {@code 26300233-30-8-403}), empty where none is printed.
 */
final class ManifestRow {

    private static final String COMMON = "runId,year,issue,batchFile,page,contractNo,checkDigits,uniqueCode,postalCode,"
            + "addressLine1,addressLine2,holderName,";

    /** The manifest of the certificate issues (NOVEMBER, FEBRUARY). */
    static final String HEADER = COMMON + "monthlyPremium,paid,scheduled,discountPaid,deduction,withheld,"
            + "runDate,addressCutoff,dataCutoff,line,customerBarcode";

    /**
     * The manifest of the 掛金納付状況兼領収書: its figures, {@code months} being the twelve months of the
     * year, January first, as {@code STATE:amount} joined by {@code |} (e.g. {@code PAID:50000|SUSPENDED:0|…}).
     */
    static final String PAYMENT_STATUS_HEADER = COMMON + "totalPaid,applied,prepaidBalance,discountPaid,"
            + "discountPaidMonth,cancelledOn,months,runDate,addressCutoff,line,customerBarcode";

    /** Columns as named in the headers, for readers of the manifest. */
    static final int BATCH_FILE = 3;
    static final int PAGE = 4;
    static final int CONTRACT_NO = 5;
    static final int UNIQUE_CODE = 7;
    static final int POSTAL_CODE = 8;

    private ManifestRow() {
    }

    static String header(PrintIssue issue) {
        return issue == PrintIssue.SAFETY_PAYMENT_STATUS ? PAYMENT_STATUS_HEADER : HEADER;
    }

    static String csv(long runId, PrintRunParameters run, int batch, int page, IssuedCertificate c) {
        List<String> row = new ArrayList<>(22);
        Address a = c.address();
        row.addAll(List.of(Long.toString(runId), Integer.toString(run.year()), run.issue().name(),
                RunFolder.batchFileName(batch), Integer.toString(page), c.contractNo(), c.checkDigits(),
                c.uniqueCode().value(), c.postalCode(), nullToEmpty(a.line1()), nullToEmpty(a.line2()), c.holderName()));
        switch (c.figures()) {
            case CertificateFigures f -> {
                StringJoiner why = new StringJoiner("|");
                for (WhyWithheld w : WhyWithheld.values()) {
                    if (f.withheld().contains(w)) {
                        why.add(w.name());
                    }
                }
                row.addAll(List.of(Long.toString(f.monthlyPremium()), Long.toString(f.paid()),
                        Long.toString(f.scheduled()), Long.toString(f.discountPaid()),
                        f.deduction() == null ? "" : f.deduction().toString(), why.toString(), run.runDate().toString(),
                        f.addressCutoff().toString(), f.dataCutoff().toString()));
            }
            case SafetyPaymentStatusFigures f -> {
                StringJoiner months = new StringJoiner("|");
                for (SafetyPaymentStatusFigures.Month m : f.months()) {
                    months.add(m.state().name() + ":" + m.amount());
                }
                row.addAll(List.of(Long.toString(f.totalPaid()), Long.toString(f.applied()),
                        Long.toString(f.prepaidBalance()), Long.toString(f.discountPaid()),
                        f.discountPaidMonth() == null ? "" : f.discountPaidMonth().toString(),
                        f.cancelledOn() == null ? "" : f.cancelledOn().toString(), months.toString(),
                        run.runDate().toString(), run.addressCutoff().toString()));
            }
            default -> throw new IllegalArgumentException("no print run for " + c.figures().document());
        }
        row.add(Long.toString(c.line()));
        // The カスタマバーコード's data before encoding (postal code + 住所表示番号), empty where none is printed.
        row.add(CustomerBarcode.forAddress(c.postalCode(), a.line1(), a.line2()).map(CustomerBarcode::data).orElse(""));
        return Csv.row(row.toArray(String[]::new));
    }

    /** The address a row's document was mailed to (without the day it was received, which is not kept). */
    static Address address(List<String> row) {
        return new Address(null, row.get(POSTAL_CODE), row.get(9), row.get(10));
    }

    /** The figures of a row, as {@link #csv} wrote them (for the issue register). */
    static Figures figures(List<String> row) {
        PrintIssue issue = PrintIssue.valueOf(row.get(2));
        int year = Integer.parseInt(row.get(1));
        if (issue == PrintIssue.SAFETY_PAYMENT_STATUS) {
            String[] months = row.get(18).split("\\|");
            List<SafetyPaymentStatusFigures.Month> list = new ArrayList<>(12);
            for (int m = 0; m < months.length; m++) {
                String[] stateAndAmount = months[m].split(":");
                list.add(new SafetyPaymentStatusFigures.Month(YearMonth.of(year, m + 1),
                        MonthState.valueOf(stateAndAmount[0]), Long.parseLong(stateAndAmount[1])));
            }
            return new SafetyPaymentStatusFigures(issue.document(), year, row.get(CONTRACT_NO), list,
                    Long.parseLong(row.get(12)), Long.parseLong(row.get(13)), Long.parseLong(row.get(14)),
                    Long.parseLong(row.get(15)), row.get(16).isEmpty() ? null : YearMonth.parse(row.get(16)),
                    row.get(17).isEmpty() ? null : LocalDate.parse(row.get(17)));
        }
        Set<WhyWithheld> withheld = EnumSet.noneOf(WhyWithheld.class);
        if (!row.get(17).isEmpty()) {
            for (String w : row.get(17).split("\\|")) {
                withheld.add(WhyWithheld.valueOf(w));
            }
        }
        return new CertificateFigures(issue.document(), year, row.get(CONTRACT_NO), true, Long.parseLong(row.get(12)),
                Long.parseLong(row.get(13)), Long.parseLong(row.get(14)), Long.parseLong(row.get(15)),
                row.get(16).isEmpty() ? null : Long.valueOf(row.get(16)), withheld, address(row),
                LocalDate.parse(row.get(20)), LocalDate.parse(row.get(19)));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
