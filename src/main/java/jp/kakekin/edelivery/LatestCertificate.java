package jp.kakekin.edelivery;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which certificate is a holder's "latest" on a given day, for on-demand delivery (a holder who links
 * e-私書箱 after the run gets the XML of their latest certificate, RULES.md 1.7).
 * <p>
 * <b>Policy</b>: the November certificate of Y counts as issued from 1 November of Y, the February
 * certificate of Y from 1 February of Y+1 (the runs are early in those months; the exact mailing day
 * is not in the ledger). The latest is the most recent issue, among the last two tax years, in which
 * the contract got a certificate at all; a contract gets either the November or the February
 * certificate of a year, never both. If that certificate's 控除額 is ****, it is still the latest: the
 * holder gets no XML rather than an older certificate.
 */
public final class LatestCertificate {

    private LatestCertificate() {
    }

    public record Issue(DocumentKind kind, int year) {
        public LocalDate availableFrom() {
            return kind == DocumentKind.NOVEMBER_CERTIFICATE ? LocalDate.of(year, 11, 1) : LocalDate.of(year + 1, 2, 1);
        }
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

    /** The figures of the holder's latest issued certificate on {@code asOf}, if there is one. */
    public static Optional<CertificateFigures> find(Calculator calculator, Ledger ledger, LocalDate asOf) {
        for (Issue i : issuesAvailable(asOf)) {
            // A held record (RULES.md 1.8) was not issued: it is not the holder's latest certificate.
            if (calculator.calculate(i.kind(), ledger, i.year()) instanceof CertificateFigures f && f.issued()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static int latestTaxYear(LocalDate asOf) {
        return asOf.isBefore(LocalDate.of(asOf.getYear(), 11, 1)) ? asOf.getYear() - 1 : asOf.getYear();
    }
}
