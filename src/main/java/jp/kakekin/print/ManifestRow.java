package jp.kakekin.print;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.WhyWithheld;

import java.util.StringJoiner;

/**
 * One row of {@code manifest.csv}: where a certificate was printed and the issue record that lets a
 * reissue or the e-私書箱 export reproduce it (year, issue, figures, address used, batch, page, run id).
 */
final class ManifestRow {

    static final String HEADER = "runId,year,issue,batchFile,page,contractNo,checkDigits,uniqueCode,postalCode,"
            + "addressLine1,addressLine2,holderName,monthlyPremium,paid,scheduled,discountPaid,deduction,withheld,"
            + "runDate,addressCutoff,dataCutoff,line";

    /** Columns as named in {@link #HEADER}, for readers of the manifest. */
    static final int BATCH_FILE = 3;
    static final int PAGE = 4;
    static final int CONTRACT_NO = 5;
    static final int UNIQUE_CODE = 7;
    static final int POSTAL_CODE = 8;

    private ManifestRow() {
    }

    static String csv(long runId, PrintRunParameters run, int batch, int page, IssuedCertificate c) {
        CertificateFigures f = c.figures();
        StringJoiner why = new StringJoiner("|");
        for (WhyWithheld w : WhyWithheld.values()) {
            if (f.withheld().contains(w)) {
                why.add(w.name());
            }
        }
        return Csv.row(Long.toString(runId), Integer.toString(run.year()), run.issue().name(),
                RunFolder.batchFileName(batch), Integer.toString(page), c.contractNo(), c.checkDigits(),
                c.uniqueCode().value(), c.postalCode(), f.address().line1(), f.address().line2(), c.holderName(),
                Long.toString(f.monthlyPremium()), Long.toString(f.paid()), Long.toString(f.scheduled()),
                Long.toString(f.discountPaid()), f.deduction() == null ? "" : f.deduction().toString(), why.toString(),
                run.runDate().toString(), f.addressCutoff().toString(), f.dataCutoff().toString(),
                Long.toString(c.line()));
    }
}
