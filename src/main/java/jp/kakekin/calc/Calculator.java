package jp.kakekin.calc;

import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The one entry point of the domain core: a contract's ledger in, the figures of one document out.
 * Plain Java, no I/O, thread-safe (it keeps no state between calls), so channels may share one.
 */
public final class Calculator {

    private final CalculationPolicy policy;

    public Calculator(CalculationPolicy policy) {
        this.policy = Objects.requireNonNull(policy);
    }

    public Calculator() {
        this(CalculationPolicy.defaults());
    }

    public CalculationPolicy policy() {
        return policy;
    }

    /** Figures with the default cutoffs of the document (RULES.md 1.5 and 1.7). */
    public Figures calculate(DocumentKind document, Ledger ledger, int year) {
        return calculate(document, ledger, year, null);
    }

    /**
     * @param addressCutoff overrides the default address cutoff (second Friday of October / of January);
     *                      null for the default
     */
    public Figures calculate(DocumentKind document, Ledger ledger, int year, LocalDate addressCutoff) {
        if (ledger.scheme() != document.scheme()) {
            throw new IllegalArgumentException("%s is a %s document but contract %s is %s".formatted(document,
                    document.scheme(), ledger.contractNo(), ledger.scheme()));
        }
        return switch (document) {
            case NOVEMBER_CERTIFICATE -> new NovemberCertificate(policy).figures(ledger, year,
                    addressCutoff != null ? addressCutoff : AddressCutoff.november(year));
            case FEBRUARY_CERTIFICATE -> new FebruaryCertificate(policy).figures(ledger, year,
                    addressCutoff != null ? addressCutoff : AddressCutoff.february(year));
            case SAFETY_TAX_STATEMENT -> new SafetyTaxStatement(policy).figures(ledger, year);
            case SAFETY_PAYMENT_STATUS -> new SafetyPaymentStatus(policy).figures(ledger, year);
        };
    }

    /**
     * The figures of a corrected certificate (追加発行): the November or February certificate of {@code year}
     * as known at {@code dataDate} (on or after the issue's own data cutoff) — 済額 paid up to then, 予定額
     * for the rest of the year; see docs/corrections.md.
     *
     * @param addressCutoff the address cutoff the figures record (required)
     */
    public Figures corrected(DocumentKind document, Ledger ledger, int year, LocalDate dataDate,
                             LocalDate addressCutoff) {
        if (ledger.scheme() != document.scheme()) {
            throw new IllegalArgumentException("%s is a %s document but contract %s is %s".formatted(document,
                    document.scheme(), ledger.contractNo(), ledger.scheme()));
        }
        return new CorrectedCertificate(policy).figures(document, ledger, year, Objects.requireNonNull(dataDate),
                Objects.requireNonNull(addressCutoff));
    }
}
