package jp.kakekin.ledger;

/**
 * Premium limits of each scheme (RULES.md 1.1 and 2): the ledger reader rejects anything outside them,
 * so the calculator can rely on them.
 */
public final class SchemeLimits {

    /** 経営セーフティ共済 積立限度額: premiums stop once the cumulative total reaches it. */
    public static final long SAFETY_CAP = 8_000_000L;

    /** The highest monthly premium of any scheme (SAFETY's 200,000 yen): bounds any payment. */
    public static final long MAX_MONTHLY = 200_000L;

    /**
     * The most months one payment or lump sum can cover: SAFETY's 8,000,000 yen cap at its lowest premium
     * (5,000 yen) is 1,600 months; nothing real comes near.
     */
    public static final int MAX_MONTHS = 1_600;

    /** Decimals of a 前納減額金 balance: the calculator keeps balances in 1/10,000 yen (RULES.md 1.4 policy). */
    public static final int DISCOUNT_SCALE = 4;

    private SchemeLimits() {
    }

    /**
     * The largest 前納減額金 balance a ledger can carry. Each yen of premium earns at most 12 months × the
     * rate: 0.9/1000 for 小規模企業共済 (1.08%), 5/1000 for 経営セーフティ共済 (6%, before 2017-11). A carried
     * balance is below the payout threshold after a March test; even untested, it cannot exceed what a year
     * of the highest premium earns (70,000 × 12 × 1.08% = 9,072) for SHOKIBO, or what the whole 8,000,000
     * cap earns (480,000) for SAFETY. Null when the scheme is unknown (its own error is reported).
     */
    public static java.math.BigDecimal maxDiscountCarried(Scheme scheme) {
        if (scheme == null) {
            return null;
        }
        return java.math.BigDecimal.valueOf(scheme == Scheme.SHOKIBO ? 10_000 : 480_000);
    }

    public static String describeMaxDiscountCarried(Scheme scheme) {
        return "%,d".formatted(maxDiscountCarried(scheme).longValueExact());
    }

    public static long minMonthly(Scheme scheme) {
        return scheme == Scheme.SHOKIBO ? 1_000 : 5_000;
    }

    public static long maxMonthly(Scheme scheme) {
        return scheme == Scheme.SHOKIBO ? 70_000 : 200_000;
    }

    public static long step(Scheme scheme) {
        return scheme == Scheme.SHOKIBO ? 500 : 5_000;
    }

    public static boolean isValidMonthly(Scheme scheme, long monthly) {
        return monthly >= minMonthly(scheme) && monthly <= maxMonthly(scheme) && monthly % step(scheme) == 0;
    }

    public static String describe(Scheme scheme) {
        return "%,d to %,d yen in steps of %,d".formatted(minMonthly(scheme), maxMonthly(scheme), step(scheme));
    }
}
