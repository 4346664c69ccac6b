package jp.kakekin.calc;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Figures of the 経営セーフティ共済 掛金納付状況兼領収書 for year Y (RULES.md 2.1).
 *
 * @param months              the twelve months of Y, January first
 * @param totalPaid           premiums paid since joining up to Dec 31 of Y, prepayments included
 * @param applied             the part of {@code totalPaid} applied to months up to December of Y
 * @param prepaidBalance      the part held for months after December of Y (前納残高)
 * @param discountPaid        前納減額金 paid in Y (0 if none)
 * @param discountPaidMonth   the month it was paid (June of Y), or null
 * @param cancelledOn         the cancellation date, or null
 */
public record SafetyPaymentStatusFigures(
        DocumentKind document,
        int year,
        String contractNo,
        List<Month> months,
        long totalPaid,
        long applied,
        long prepaidBalance,
        long discountPaid,
        YearMonth discountPaidMonth,
        LocalDate cancelledOn) implements Figures {

    public SafetyPaymentStatusFigures {
        months = List.copyOf(months);
    }

    /** @param amount the premium paid for the month (0 unless PAID or PREPAID) */
    public record Month(YearMonth month, MonthState state, long amount) {
    }
}
