package jp.kakekin.issuance;

import jp.kakekin.calc.MonthState;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.document.Wareki;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether a SAFETY document has anything to state (policy, docs/safety-statements.md): the operator
 * API answers 404 with the reason instead of printing an empty form, and the February run lists the
 * contract among its exclusions.
 */
public final class StatementScope {

    private StatementScope() {
    }

    /**
     * A 明細書 states something when a premium was paid in the period or fell due in it (an earlier
     * long prepayment); otherwise both amounts would be 0.
     *
     * @return why there is nothing to state, or empty
     */
    public static Optional<String> taxStatement(SafetyTaxFigures f) {
        if (f.paid() != 0 || f.deductible() != 0 || f.excludedByRejoin() != 0) {
            return Optional.empty();
        }
        return Optional.of("contract %s paid no premium in %s～%s and none fell due in it: there is nothing to state"
                .formatted(f.contractNo(), Wareki.month(f.periodFrom()), Wareki.month(f.periodTo())));
    }

    /**
     * A 掛金納付状況兼領収書 for Y states something when the contract was in force in some month of Y,
     * was cancelled in Y, or received 前納減額金 in Y; not for a contract that began after Y or ended
     * before it.
     *
     * @return why there is nothing to state, or empty
     */
    public static Optional<String> paymentStatus(SafetyPaymentStatusFigures f) {
        boolean inForce = f.months().stream()
                .anyMatch(m -> m.state() != MonthState.NOT_CONTRACTED && m.state() != MonthState.CANCELLED);
        boolean cancelledInYear = f.cancelledOn() != null && !f.cancelledOn().isBefore(LocalDate.of(f.year(), 1, 1));
        if (inForce || cancelledInYear || f.discountPaid() != 0) {
            return Optional.empty();
        }
        boolean notYet = f.months().stream().allMatch(m -> m.state() == MonthState.NOT_CONTRACTED);
        return Optional.of(("contract %s was not in force in %d (%s): there is no 掛金納付状況兼領収書 for that year")
                .formatted(f.contractNo(), f.year(), notYet ? "it began later"
                        : "it was cancelled on " + f.cancelledOn()));
    }
}
