package jp.kakekin.ledger;

import java.time.YearMonth;

/**
 * @param month SEMIANNUAL: the first designated month (the second is six months later);
 *              ANNUAL: the designated month; MONTHLY: null
 */
public record PaymentModePeriod(YearMonth from, PaymentMode mode, Integer month) {
}
