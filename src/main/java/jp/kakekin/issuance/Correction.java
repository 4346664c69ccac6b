package jp.kakekin.issuance;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A corrections run's question for one holder (追加発行, docs/corrections.md): the certificate they were
 * issued — its original code, the latest issue of it in the register and the figures that issue printed —
 * and the data date the corrected certificate is to state its figures at. The {@link Issuer} decides
 * whether a corrected certificate is issued.
 *
 * @param original the code of the certificate's first issue (sequence 00)
 * @param latest   the register's latest issue of it (the original, a reissue or an earlier correction)
 * @param printed  the figures that latest issue printed (the register's {@code figures_json})
 * @param dataDate the ledger is seen as of this day (a month end, on or after the data cutoff)
 */
public record Correction(UniqueCode original, UniqueCode latest, FiguresJson.Printed printed, LocalDate dataDate) {

    public Correction {
        Objects.requireNonNull(original);
        Objects.requireNonNull(latest);
        Objects.requireNonNull(printed);
        Objects.requireNonNull(dataDate);
    }

    /**
     * <b>Policy</b>: a corrections run sees the ledger as of the last day of the month before its run date
     * (the month's collections on the 18th are in by then), unless the operator names another month end.
     */
    public static LocalDate defaultDataDate(LocalDate runDate) {
        return runDate.withDayOfMonth(1).minusDays(1);
    }

    /**
     * Why {@code dataDate} cannot be a corrections run's data date for that issue, or empty: it must be a
     * month end (a month's collections are all in or all out), on or after the data cutoff, and
     * passed in Japan on the run date.
     */
    public static Optional<String> invalidDataDate(DocumentKind kind, int year, LocalDate dataDate, LocalDate runDate) {
        LocalDate cutoff = Finality.dataCutoff(kind, year);
        if (!dataDate.equals(dataDate.withDayOfMonth(dataDate.lengthOfMonth()))) {
            return Optional.of("the data date " + dataDate + " is not the last day of a month");
        }
        if (dataDate.isBefore(cutoff)) {
            return Optional.of("the data date %s is before the %s data cutoff %s".formatted(dataDate, kind, cutoff));
        }
        if (!Finality.isFinal(dataDate, runDate)) {
            return Optional.of("the data date %s has not passed on the run date %s".formatted(dataDate, runDate));
        }
        return Optional.empty();
    }

    /**
     * Whether a corrected certificate with these figures would state something the latest issue did not:
     * a 控除額 where it printed ****, or another 控除額, 掛金月額, 前納減額金 or year total (済額 + 予定額). The
     * split between 済額 and 予定額 moves as the year goes on and is not a change by itself.
     */
    public boolean changes(long monthlyPremium, long paid, long scheduled, long discountPaid, Long deduction) {
        return !Objects.equals(printed.deduction(), deduction)
                || printed.monthlyPremium() != monthlyPremium
                || printed.discountPaid() != discountPaid
                || printed.paid() + printed.scheduled() != paid + scheduled;
    }
}
