package jp.kakekin.document;

import jp.kakekin.calc.MonthState;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.Issuer;
import jp.kakekin.document.UniqueCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the 経営セーフティ共済 掛金納付状況兼領収書 for year Y prints (RULES.md 2.1), formatted; mailed
 * in February of Y+1 in a 長3 window envelope. The layout reads it as {@code doc}.
 *
 * @param yearLabel     令和8年分
 * @param eraYear       令和8年
 * @param asOfLabel     令和8年12月31日 (the figures are as of that day)
 * @param months        January to December
 * @param monthsTotal   the premiums of the twelve months (sum of the table)
 * @param totalPaid     払込累計額: premiums paid since joining, prepayments included
 * @param applied       the part of it applied to months up to December of Y
 * @param prepaidBalance 前納残高: the part held for months after December of Y
 * @param discountPaid  前納減額金 paid in Y
 * @param discountPaidMonth the month it was paid (令和8年6月), or empty
 * @param cancelledOn   the cancellation date (和暦), or empty
 */
public record PaymentStatusView(
        SafetyPaymentStatusFigures figures,
        UniqueCode uniqueCode,
        LocalDate issuedOn,
        String issuedOnLabel,
        String yearLabel,
        String eraYear,
        String asOfLabel,
        HolderBlock holder,
        List<MonthRow> months,
        String monthsTotal,
        String totalPaid,
        String applied,
        String prepaidBalance,
        String discountPaid,
        String discountPaidMonth,
        String cancelledOn,
        String qrUrl,
        Issuer issuer) implements DocumentView {

    /**
     * One row of the monthly table.
     *
     * @param month  1月
     * @param status the state as printed (納付済, 前納充当, 請求中断, 未納, 限度額到達, 解約後, —)
     * @param amount the premium of the month (100,000円), empty when nothing was paid for it
     * @param state  the state itself, for the layout's styling
     */
    public record MonthRow(String month, String status, String amount, MonthState state) {
        /** A month nothing was paid for although it was due (未納): the layout marks it. */
        public boolean unpaid() {
            return state == MonthState.UNPAID;
        }
    }

    public PaymentStatusView {
        Objects.requireNonNull(figures);
        Objects.requireNonNull(uniqueCode);
        months = List.copyOf(months);
    }

    public boolean hasDiscountPaid() {
        return figures.discountPaid() != 0;
    }

    public boolean cancelled() {
        return figures.cancelledOn() != null;
    }

    /** Whether a month of the table has the state (the layout explains only the states it shows). */
    public boolean shows(String state) {
        MonthState s = MonthState.valueOf(state);
        return months.stream().anyMatch(m -> m.state() == s);
    }


    @Override
    public String layout() {
        return "safety-payment-status.html";
    }

    @Override
    public Map<String, String> textFields() {
        return holder.textFields(issuer);
    }
}
