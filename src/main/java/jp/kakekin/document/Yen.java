package jp.kakekin.document;

/** Amounts as printed: thousands separators and 円 (270,000円); the withheld 控除額 is {@code ****}. */
public final class Yen {

    /** What a certificate prints instead of a 控除額 it cannot state (SMRJ FAQ id=1060). */
    public static final String WITHHELD = "****";

    private Yen() {
    }

    public static String format(long amount) {
        return group(amount) + "円";
    }

    /** The digits only, grouped by three (used where the template prints 円 in its own cell). */
    public static String group(long amount) {
        // Not String.format("%,d"): its separator follows the JVM's default locale.
        String digits = Long.toString(Math.abs(amount));
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (amount < 0) {
            out.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }
}
