package jp.kakekin.issuance;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.calc.WhyWithheld;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;

/**
 * The figures as JSON, under the names fixed by {@code cases/README.md}; the {@code calculate} command,
 * the REST endpoint and the golden-case test all go through here.
 */
public final class FiguresJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FiguresJson() {
    }

    // The shapes of the figures as JSON: records, so the names and order are declared once. A null
    // component is written as null (deduction withheld, no discount month); "withheld" only when null.

    /** A certificate that is not issued: only its number. */
    record NotIssued(String contractNo, boolean issued) {
    }

    record Certificate(String contractNo, boolean issued, long monthlyPremium, long paid, long scheduled,
                       long discountPaid, Long deduction,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<String> withheld, String postalCode) {
    }

    record PaymentStatus(String contractNo, List<PaymentStatusMonth> months, long totalPaid, long applied,
                         long prepaidBalance, long discountPaid, String discountPaidMonth, String cancelledOn) {
    }

    record PaymentStatusMonth(String month, String state, long amount) {
    }

    record Held(String contractNo, boolean issued, List<String> held) {
    }

    record SafetyTax(String contractNo, boolean corporate, String periodFrom, String periodTo, long paid,
                     long deductible, long excludedByRejoin, long deferredBeyondPeriod, long releasedFromEarlier) {
    }

    record NotApplicable(String contractNo, boolean issued, String notApplicable) {
    }

    record LineError(long line, String error) {
    }

    /**
     * A certificate's figures as the register keeps them ({@code figures_json}, written by {@link #toJson}):
     * what a corrections run compares with. {@code deduction} null = ****.
     */
    public record Printed(long monthlyPremium, long paid, long scheduled, long discountPaid, Long deduction) {
    }

    /**
     * Reads the figures of an issued certificate back from the register.
     *
     * @throws IllegalArgumentException when the text is not an issued certificate's figures
     */
    public static Printed readCertificate(String json) {
        tools.jackson.databind.JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("figures_json is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.path("issued").asBoolean(false) || !n.has("monthlyPremium")) {
            throw new IllegalArgumentException("figures_json is not an issued certificate's figures");
        }
        tools.jackson.databind.JsonNode d = n.get("deduction");
        return new Printed(n.path("monthlyPremium").asLong(), n.path("paid").asLong(), n.path("scheduled").asLong(),
                n.path("discountPaid").asLong(), d == null || d.isNull() ? null : d.asLong());
    }

    public static ObjectNode toJson(Figures figures) {
        Object shape = switch (figures) {
            case CertificateFigures c when !c.issued() -> new NotIssued(c.contractNo(), false);
            case CertificateFigures c -> new Certificate(c.contractNo(), true, c.monthlyPremium(), c.paid(),
                    c.scheduled(), c.discountPaid(), c.deduction(),
                    // in WhyWithheld order, whatever the set's
                    c.deduction() == null ? Arrays.stream(WhyWithheld.values()).filter(c.withheld()::contains)
                            .map(Enum::name).toList() : null,
                    c.postalCode());
            case SafetyPaymentStatusFigures s -> new PaymentStatus(s.contractNo(),
                    s.months().stream().map(m -> new PaymentStatusMonth(m.month().toString(), m.state().name(),
                            m.amount())).toList(),
                    s.totalPaid(), s.applied(), s.prepaidBalance(), s.discountPaid(),
                    s.discountPaidMonth() == null ? null : s.discountPaidMonth().toString(),
                    s.cancelledOn() == null ? null : s.cancelledOn().toString());
            // RULES.md 1.8: no figures at all, only the codes (in HoldCode order).
            case HeldFigures h -> new Held(h.contractNo(), false, h.codes().stream().map(Enum::name).toList());
            case SafetyTaxFigures s -> new SafetyTax(s.contractNo(), s.corporate(), s.periodFrom().toString(),
                    s.periodTo().toString(), s.paid(), s.deductible(), s.excludedByRejoin(), s.deferredBeyondPeriod(),
                    s.releasedFromEarlier());
        };
        return JSON.valueToTree(shape);
    }

    /** A contract of the other scheme in a mixed file: not an error, but said, never skipped silently. */
    public static ObjectNode notApplicable(String contractNo, String scheme, String document) {
        return JSON.valueToTree(new NotApplicable(contractNo, false, scheme + " contracts have no " + document));
    }

    public static ObjectNode error(long line, String message) {
        return JSON.valueToTree(new LineError(line, message));
    }

    public static String write(ObjectNode node) {
        return JSON.writeValueAsString(node);
    }
}
