package jp.kakekin.ledger;

import java.time.LocalDate;
import java.time.YearMonth;

/** One collection attempt; {@code from}..{@code to} are the months it covers, inclusive. */
public record Payment(LocalDate date, PaymentMethod method, PaymentStatus status, long amount,
                      YearMonth from, YearMonth to) {

    public boolean isPaid() {
        return status == PaymentStatus.PAID;
    }

    public YearMonth month() {
        return YearMonth.from(date);
    }

    public boolean covers(YearMonth m) {
        return !m.isBefore(from) && !m.isAfter(to);
    }
}
