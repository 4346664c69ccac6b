package jp.kakekin.calculation;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.calc.WhyWithheld;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures as JSON, under the names fixed by {@code cases/README.md}; the {@code calculate} command,
 * the REST endpoint and the golden-case test all go through here.
 */
public final class FiguresJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FiguresJson() {
    }

    public static ObjectNode toJson(Figures figures) {
        ObjectNode o = JSON.createObjectNode();
        o.put("contractNo", figures.contractNo());
        switch (figures) {
            case CertificateFigures c -> {
                o.put("issued", c.issued());
                if (c.issued()) {
                    o.put("monthlyPremium", c.monthlyPremium());
                    o.put("paid", c.paid());
                    o.put("scheduled", c.scheduled());
                    o.put("discountPaid", c.discountPaid());
                    if (c.deduction() == null) {
                        o.putNull("deduction");
                        var why = o.putArray("withheld");
                        for (WhyWithheld w : WhyWithheld.values()) {
                            if (c.withheld().contains(w)) {
                                why.add(w.name());
                            }
                        }
                    } else {
                        o.put("deduction", c.deduction());
                    }
                    o.put("postalCode", c.postalCode());
                }
            }
            case SafetyPaymentStatusFigures s -> {
                var months = o.putArray("months");
                for (SafetyPaymentStatusFigures.Month m : s.months()) {
                    months.addObject().put("month", m.month().toString()).put("state", m.state().name())
                            .put("amount", m.amount());
                }
                o.put("totalPaid", s.totalPaid());
                o.put("applied", s.applied());
                o.put("prepaidBalance", s.prepaidBalance());
                o.put("discountPaid", s.discountPaid());
                o.put("discountPaidMonth", s.discountPaidMonth() == null ? null : s.discountPaidMonth().toString());
                o.put("cancelledOn", s.cancelledOn() == null ? null : s.cancelledOn().toString());
            }
            case HeldFigures h -> {
                // RULES.md 1.8: no figures at all, only the codes (in HoldCode order).
                o.put("issued", false);
                var held = o.putArray("held");
                h.codes().forEach(c -> held.add(c.name()));
            }
            case SafetyTaxFigures s -> {
                o.put("corporate", s.corporate());
                o.put("periodFrom", s.periodFrom().toString());
                o.put("periodTo", s.periodTo().toString());
                o.put("paid", s.paid());
                o.put("deductible", s.deductible());
                o.put("excludedByRejoin", s.excludedByRejoin());
                o.put("deferredBeyondPeriod", s.deferredBeyondPeriod());
                o.put("releasedFromEarlier", s.releasedFromEarlier());
            }
        }
        return o;
    }

    /** A contract of the other scheme in a mixed file: not an error, but said, never skipped silently. */
    public static ObjectNode notApplicable(String contractNo, String scheme, String document) {
        ObjectNode o = JSON.createObjectNode();
        o.put("contractNo", contractNo);
        o.put("issued", false);
        o.put("notApplicable", scheme + " contracts have no " + document);
        return o;
    }

    public static ObjectNode error(long line, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("line", line);
        o.put("error", message);
        return o;
    }

    public static String write(ObjectNode node) {
        return JSON.writeValueAsString(node);
    }
}
