package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.ledger.EDelivery;
import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;
import java.util.Optional;
import java.util.TreeSet;

/**
 * RULES.md 1.7: a certificate is delivered through e-私書箱 when it is issued, the holder linked on or
 * before the run date, its 控除額 is fixed (not ****), and it can be written in TEG850 at all.
 */
public final class EDeliveryEligibility {

    private EDeliveryEligibility() {
    }

    public record Refusal(ReasonCode reason, String detail) {
    }

    public static Optional<Refusal> check(Ledger ledger, CertificateFigures figures, LocalDate runDate) {
        if (!figures.issued()) {
            return refuse(ReasonCode.NOT_ELIGIBLE_THIS_ISSUE, figures.document() + " " + figures.year());
        }
        EDelivery link = ledger.eDelivery();
        if (link == null || link.linkedOn() == null) {
            return refuse(ReasonCode.NOT_LINKED, "no eDelivery.linkedOn");
        }
        if (link.linkedOn().isAfter(runDate)) {
            return refuse(ReasonCode.LINKED_AFTER_RUN_DATE, "linked " + link.linkedOn() + ", run date " + runDate);
        }
        if (figures.deduction() == null) {
            return refuse(ReasonCode.DEDUCTION_WITHHELD, "**** because of " + new TreeSet<>(figures.withheld()));
        }
        if (figures.address() == null) {
            return refuse(ReasonCode.NO_ADDRESS, "WPD00000 住所: no address");
        }
        Optional<String> text = textProblem("WPC00000 氏名", ledger.holder().name(), 100)
                .or(() -> textProblem("WPD00000 住所", Teg850Mapping.address(figures.address()), 200));
        return text.map(t -> new Refusal(ReasonCode.NOT_REPRESENTABLE, t));
    }

    /** Why {@code text} cannot be the content of a gen:str field of at most {@code max} characters. */
    static Optional<String> textProblem(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            return Optional.of(field + " is empty");
        }
        Optional<Integer> bad = EtaxCharacters.firstDisallowed(text);
        if (bad.isPresent()) {
            return Optional.of(field + " contains " + EtaxCharacters.describe(bad.get())
                    + ", outside the characters e-Tax accepts");
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            return Optional.of(field + " has " + length + " characters; TEG850 allows " + max);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(ReasonCode reason, String detail) {
        return Optional.of(new Refusal(reason, detail));
    }
}
