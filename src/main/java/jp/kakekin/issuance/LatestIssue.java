package jp.kakekin.issuance;

import jp.kakekin.calc.DocumentKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which certificate issues exist on a given day, and so which is a holder's "latest" (the one they lost,
 * the one e-私書箱 delivers on demand): one rule for the operator reissue, the public form and e-私書箱.
 * <p>
 * <b>Policy</b>: the November certificate of Y counts as issued from 1 November of Y, the February
 * certificate of Y from 1 February of Y+1 (the runs are early in those months; the exact mailing day is
 * not in the ledger). The latest is the most recent issue, among the last two tax years, in which the
 * contract got a certificate at all; a contract gets either the November or the February certificate of
 * a year, never both.
 */
public final class LatestIssue {

    private LatestIssue() {
    }

    /** One bulk issue of the certificates. */
    public record Issue(DocumentKind kind, int year) {
        /** The day the bulk run has issued it by. */
        public LocalDate availableFrom() {
            return kind == DocumentKind.NOVEMBER_CERTIFICATE ? LocalDate.of(year, 11, 1) : LocalDate.of(year + 1, 2, 1);
        }
    }

    /** Whether the bulk run of that issue has issued it by {@code day}. */
    public static boolean issuedByRun(DocumentKind kind, int year, LocalDate day) {
        return !day.isBefore(new Issue(kind, year).availableFrom());
    }

    /** The issues available on {@code asOf}, newest first. */
    public static List<Issue> issuesAvailable(LocalDate asOf) {
        List<Issue> all = new ArrayList<>();
        for (int y = asOf.getYear(); y >= asOf.getYear() - 2; y--) {
            all.add(new Issue(DocumentKind.NOVEMBER_CERTIFICATE, y));
            all.add(new Issue(DocumentKind.FEBRUARY_CERTIFICATE, y));
        }
        return all.stream().filter(i -> !i.availableFrom().isAfter(asOf))
                .sorted(Comparator.comparing(Issue::availableFrom).reversed())
                .filter(i -> i.year() >= latestTaxYear(asOf) - 1)
                .toList();
    }

    private static int latestTaxYear(LocalDate asOf) {
        return asOf.isBefore(LocalDate.of(asOf.getYear(), 11, 1)) ? asOf.getYear() - 1 : asOf.getYear();
    }
}
