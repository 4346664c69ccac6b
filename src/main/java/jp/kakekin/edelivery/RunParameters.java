package jp.kakekin.edelivery;

import jp.kakekin.calc.DocumentKind;

import java.time.LocalDate;
import java.util.Objects;

/**
 * @param issue       NOVEMBER_CERTIFICATE or FEBRUARY_CERTIFICATE
 * @param runDate     holders linked on or before this day are delivered in the run (RULES.md 1.7)
 * @param certifiedOn WPN 証明日 of the certificates (the date the paper certificates carry)
 * @param sakuseiDay  the day the XML is produced (the root's sakuseiDay)
 * @param source      where the certificates came from (input file, print run), for the summary
 */
public record RunParameters(int year, DocumentKind issue, LocalDate runDate, LocalDate certifiedOn,
                            LocalDate sakuseiDay, String source) {

    public RunParameters {
        Objects.requireNonNull(issue);
        if (issue != DocumentKind.NOVEMBER_CERTIFICATE && issue != DocumentKind.FEBRUARY_CERTIFICATE) {
            throw new IllegalArgumentException("TEG850 is issued for the November and February certificates only");
        }
        Objects.requireNonNull(runDate);
        Objects.requireNonNull(certifiedOn);
        Objects.requireNonNull(sakuseiDay);
    }

    /** {@code TEG850-2026-NOVEMBER-20261112}: names the ZIP and the folder beside it. */
    public String packageName() {
        return "TEG850-%d-%s-%s".formatted(year, issue == DocumentKind.NOVEMBER_CERTIFICATE ? "NOVEMBER" : "FEBRUARY",
                runDate.toString().replace("-", ""));
    }
}
