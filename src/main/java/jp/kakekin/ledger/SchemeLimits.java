package jp.kakekin.ledger;

/**
 * Premium limits of each scheme (RULES.md 1.1 and 2): the ledger reader rejects anything outside them,
 * so the calculator can rely on them.
 */
public final class SchemeLimits {

    /** 経営セーフティ共済 積立限度額: premiums stop once the cumulative total reaches it. */
    public static final long SAFETY_CAP = 8_000_000L;

    private SchemeLimits() {
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
