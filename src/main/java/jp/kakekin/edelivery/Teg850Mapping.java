package jp.kakekin.edelivery;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.PaymentModePeriod;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Certificate figures + the contract's ledger → the fields of TEG850. The amounts are the calculator's,
 * untouched; this class only decides how they are laid out (which months the periods name, how the
 * address and the payment mode are written).
 */
public final class Teg850Mapping {

    /** 住所 lines are joined with an ideographic space, as the NTA's own samples write addresses. */
    static final String ADDRESS_SEPARATOR = "\u3000";

    private Teg850Mapping() {
    }

    /**
     * @throws IllegalArgumentException when the figures are not of an issued certificate with a fixed
     *                                  控除額 (such a certificate has no electronic form), or do not belong
     *                                  to the ledger / the code
     */
    public static Teg850Certificate map(Ledger ledger, CertificateFigures figures, UniqueCode code,
                                        LocalDate certifiedOn, String issuer) {
        if (!ledger.contractNo().equals(figures.contractNo()) || !code.contractNo().equals(figures.contractNo())) {
            throw new IllegalArgumentException("ledger %s, figures %s and unique code %s are not of one contract"
                    .formatted(ledger.contractNo(), figures.contractNo(), code));
        }
        if (!figures.issued()) {
            throw new IllegalArgumentException("contract " + figures.contractNo() + " gets no certificate");
        }
        if (figures.deduction() == null) {
            throw new IllegalArgumentException("contract " + figures.contractNo()
                    + ": the 控除額 is **** " + figures.withheld() + ", which is not delivered electronically");
        }
        if (figures.address() == null) {
            throw new IllegalArgumentException("contract " + figures.contractNo() + " has no address");
        }
        boolean november = switch (figures.document()) {
            case NOVEMBER_CERTIFICATE -> true;
            case FEBRUARY_CERTIFICATE -> false;
            case SAFETY_TAX_STATEMENT, SAFETY_PAYMENT_STATUS -> throw new IllegalArgumentException(
                    "TEG850 is the 小規模企業共済 certificate, not a SAFETY statement");
        };
        int year = figures.year();
        // 払込済額 runs to September (November issue) or December; a corrected certificate's figures are as of
        // its data date (docs/corrections.md): paid to that month, 予定額 for the months after it, if any.
        int paidThrough = !november ? 12 : figures.dataCutoff() == null || figures.dataCutoff().getYear() < year ? 9
                : figures.dataCutoff().getYear() > year ? 12 : Math.max(9, figures.dataCutoff().getMonthValue());
        Optional<PaymentModePeriod> mode = modeInForce(ledger, YearMonth.of(year, november ? 9 : 12));
        return new Teg850Certificate(
                year,
                ledger.holder().name(),
                address(figures.address()),
                ledger.fullContractNumber(),
                year,
                paidThrough,
                figures.paid(),
                paidThrough < 12 ? paidThrough + 1 : null,
                paidThrough < 12 ? 12 : null,
                paidThrough < 12 ? figures.scheduled() : null,
                figures.deduction(),
                figures.discountPaid(),
                ledger.contractDate(),
                figures.monthlyPremium(),
                mode.map(Teg850Mapping::methodText).orElse(null),
                mode.map(Teg850Mapping::monthsText).orElse(null),
                certifiedOn,
                issuer,
                code.value());
    }

    /** The month whose 掛金月額 and 払込方法 the certificate states (RULES.md 1.6). */
    public static YearMonth referenceMonth(DocumentKind document, int year) {
        return YearMonth.of(year, document == DocumentKind.NOVEMBER_CERTIFICATE ? 9 : 12);
    }

    static String address(Address a) {
        String line2 = a.line2() == null ? "" : a.line2().strip();
        String line1 = a.line1() == null ? "" : a.line1().strip();
        return line2.isEmpty() ? line1 : line1 + ADDRESS_SEPARATOR + line2;
    }

    static Optional<PaymentModePeriod> modeInForce(Ledger ledger, YearMonth month) {
        PaymentModePeriod inForce = null;
        for (PaymentModePeriod p : ledger.paymentModes()) {
            if (!p.from().isAfter(month) && (inForce == null || !p.from().isBefore(inForce.from()))) {
                inForce = p;
            }
        }
        return Optional.ofNullable(inForce);
    }

    static String methodText(PaymentModePeriod p) {
        return switch (p.mode()) {
            case MONTHLY -> "月払い";
            case SEMIANNUAL -> "半年払い";
            case ANNUAL -> "年払い";
        };
    }

    static String monthsText(PaymentModePeriod p) {
        return switch (p.mode()) {
            case MONTHLY -> "毎月";
            case SEMIANNUAL -> {
                List<Integer> months = new ArrayList<>(List.of(p.month(), (p.month() + 5) % 12 + 1));
                months.sort(null);
                yield months.get(0) + "月・" + months.get(1) + "月";
            }
            case ANNUAL -> p.month() + "月";
        };
    }
}
