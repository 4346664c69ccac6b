package jp.kakekin.barcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Japan Post's カスタマバーコード of one address (郵便番号・バーコードマニュアル): スタートコード, the 7-digit
 * postal code and 13 characters of 住所表示番号 (padded with CC4, cut at 13 — a letter counts two, and when
 * only a letter's control code fits it is kept alone), the check digit that makes the sum of the
 * characters' values a multiple of 19, ストップコード: 67 bars.
 *
 * @param postalCode    the 7 digits
 * @param addressNumber the 住所表示番号 as extracted ({@link AddressNumber}), possibly empty
 * @param characters    the 20 characters between the start code and the check digit
 * @param checkDigit    the check digit's character
 */
public record CustomerBarcode(String postalCode, String addressNumber, List<BarcodeCharacter> characters,
                              BarcodeCharacter checkDigit) {

    /** Characters of 住所表示番号 the barcode holds. */
    public static final int ADDRESS_CHARACTERS = 13;

    public CustomerBarcode {
        characters = List.copyOf(characters);
    }

    /**
     * The barcode of a mailing address, or empty when none may be printed: the postal code is not 7
     * digits, or it is a 代表番号 (the code a town gets "when not listed below"; its last two digits are
     * 00), for which the manual says no barcode is printed.
     */
    public static Optional<CustomerBarcode> forAddress(String postalCode, String line1, String line2) {
        // A layout asks for the barcode once per expression that prints a part of it, and the print run's
        // manifest asks again for every document of a batch once the batch's pages are drawn (with the postal
        // code as stored, not as printed): the thread keeps its last answers by what the barcode depends on —
        // the digits and the two lines — so a document's barcode is worked out once, not once per expression
        // and again for the manifest. The digits are hashed and compared where they stand in the postal code,
        // not copied out of it first: a string per question.
        String p = postalCode == null ? "" : postalCode;
        int digitsHash = 0;
        int count = 0;
        char tens = 0;
        char units = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c >= '0' && c <= '9') {
                digitsHash = 31 * digitsHash + c;
                count++;
                tens = units;
                units = c;
            }
        }
        if (count != 7 || representative(tens, units)) {
            return Optional.empty(); // not 7 digits, or a 代表番号
        }
        String l1 = line1 == null ? "" : line1;
        String l2 = line2 == null ? "" : line2;
        int h = (digitsHash * 31 + l1.hashCode()) * 31 + l2.hashCode();
        RecentAnswers recent = RECENT.get();
        Recent r = recent.find(h, p, l1, l2);
        if (r != null) {
            return r.barcode;
        }
        String digits = digitsOf(p);
        Optional<CustomerBarcode> barcode = Optional.of(of(digits, AddressNumber.extract(l1 + " " + l2)));
        recent.add(new Recent(h, digits, l1, l2, barcode));
        return barcode;
    }

    /** The digits of a postal code, in order (as removing every other character; a loop, not a regex: once per document). */
    private static String digitsOf(String postalCode) {
        StringBuilder out = new StringBuilder(7);
        for (int i = 0; i < postalCode.length(); i++) {
            char c = postalCode.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the digits of {@code postalCode}, in order, are {@code digits}. */
    private static boolean sameDigits(String digits, String postalCode) {
        int k = 0;
        for (int i = 0; i < postalCode.length(); i++) {
            char c = postalCode.charAt(i);
            if (c >= '0' && c <= '9') {
                if (k == digits.length() || digits.charAt(k) != c) {
                    return false;
                }
                k++;
            }
        }
        return k == digits.length();
    }

    /** One answer: its hash (of the digits and the lines, as {@link String#hashCode} combines), key and barcode. */
    private static final class Recent {
        final int hash;
        final String digits;
        final String line1;
        final String line2;
        final Optional<CustomerBarcode> barcode;
        Recent next;

        Recent(int hash, String digits, String line1, String line2, Optional<CustomerBarcode> barcode) {
            this.hash = hash;
            this.digits = digits;
            this.line1 = line1;
            this.line2 = line2;
            this.barcode = barcode;
        }
    }

    /**
     * A thread's last {@value #KEPT} answers, every one of them found: chained in a table of twice as many
     * buckets, and the oldest unlinked when a new one comes (the direct-mapped table this replaces lost an
     * answer whenever a later address of the batch took its slot — about one manifest row in five worked the
     * barcode out again).
     */
    private static final class RecentAnswers {
        static final int KEPT = 1024;
        private final Recent[] buckets = new Recent[2 * KEPT];
        private final Recent[] order = new Recent[KEPT];
        private int next;

        Recent find(int h, String postalCode, String l1, String l2) {
            for (Recent r = buckets[bucket(h)]; r != null; r = r.next) {
                if (r.hash == h && r.line1.equals(l1) && r.line2.equals(l2) && sameDigits(r.digits, postalCode)) {
                    return r;
                }
            }
            return null;
        }

        void add(Recent r) {
            Recent oldest = order[next];
            if (oldest != null) {
                int b = bucket(oldest.hash);
                if (buckets[b] == oldest) {
                    buckets[b] = oldest.next;
                } else {
                    Recent before = buckets[b];
                    while (before.next != oldest) {
                        before = before.next;
                    }
                    before.next = oldest.next;
                }
            }
            int b = bucket(r.hash);
            r.next = buckets[b];
            buckets[b] = r;
            order[next] = r;
            next = (next + 1) % KEPT;
        }

        private int bucket(int h) {
            return (h ^ (h >>> 16)) & (buckets.length - 1);
        }
    }

    /** About two print batches of 500: the manifest's rows find their pages' answers. */
    private static final ThreadLocal<RecentAnswers> RECENT = ThreadLocal.withInitial(RecentAnswers::new);

    /** [0-9]{7}, as a loop: checked for every mailed document. */
    static boolean sevenDigits(String s) {
        if (s.length() != 7) {
            return false;
        }
        for (int i = 0; i < 7; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** [0-9A-Z-]*, as a loop. */
    static boolean addressNumberCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A 代表番号: the postal code of a municipality's "以下に掲載がない場合", whose last two digits are 00. */
    public static boolean isRepresentative(String sevenDigits) {
        int n = sevenDigits.length();
        return n >= 2 && representative(sevenDigits.charAt(n - 2), sevenDigits.charAt(n - 1));
    }

    /** {@link #isRepresentative} by the last two digits (forAddress reads them without making the digits' string). */
    private static boolean representative(char tens, char units) {
        return tens == '0' && units == '0';
    }

    /** The barcode of a postal code (7 digits) and an already extracted 住所表示番号. */
    public static CustomerBarcode of(String postalCode, String addressNumber) {
        if (!sevenDigits(postalCode)) {
            throw new IllegalArgumentException("postal code must be 7 digits: " + postalCode);
        }
        if (!addressNumberCharacters(addressNumber)) {
            throw new IllegalArgumentException("住所表示番号 may hold digits, A–Z and hyphens only: " + addressNumber);
        }
        List<BarcodeCharacter> chars = new ArrayList<>(20);
        for (char c : postalCode.toCharArray()) {
            chars.add(BarcodeCharacter.digit(c - '0'));
        }
        List<BarcodeCharacter> address = new ArrayList<>();
        for (char c : addressNumber.toCharArray()) {
            if (c == '-') {
                address.add(BarcodeCharacter.HYPHEN);
            } else if (c >= '0' && c <= '9') {
                address.add(BarcodeCharacter.digit(c - '0'));
            } else {
                address.addAll(BarcodeCharacter.letter(c));
            }
        }
        // Cut at 13; a letter split by the cut keeps its control code (manual: 20〜21けた目が英字の場合).
        List<BarcodeCharacter> kept = address.size() > ADDRESS_CHARACTERS ? address.subList(0, ADDRESS_CHARACTERS) : address;
        chars.addAll(kept);
        while (chars.size() < 7 + ADDRESS_CHARACTERS) {
            chars.add(BarcodeCharacter.CC4);
        }
        int sum = 0;
        for (BarcodeCharacter c : chars) {
            sum += c.checkValue();
        }
        return new CustomerBarcode(postalCode, addressNumber, chars, BarcodeCharacter.ofValue((19 - sum % 19) % 19));
    }

    /** What the manifest records: postal code and 住所表示番号 as extracted, e.g. {@code 26300233-30-8-403}. */
    public String data() {
        return postalCode + addressNumber;
    }

    /** The characters as the manual writes them: {@code 2630023 3 - 3 0 … CC4 CC4 9} (start and stop left out). */
    public String characterLabels() {
        StringBuilder b = new StringBuilder();
        for (BarcodeCharacter c : characters) {
            b.append(c.label()).append(' ');
        }
        return b.append(checkDigit.label()).toString();
    }

    /** The 67 bars, left to right. */
    public List<Bar> bars() {
        List<Bar> bars = new ArrayList<>(67);
        bars.addAll(BarcodeCharacter.START);
        for (BarcodeCharacter c : characters) {
            bars.addAll(c.bars());
        }
        bars.addAll(checkDigit.bars());
        bars.addAll(BarcodeCharacter.STOP);
        return bars;
    }

    /** The bars placed at the size the documents print ({@link Drawing#POINTS} points), for a layout. */
    public Drawing drawing() {
        return new Drawing(this, Drawing.POINTS);
    }

    /**
     * The barcode at a size of {@code a} points (the manual allows 8 ≤ a ≤ 11.5; at 10 points a bar is
     * 0.6 mm wide with a pitch of 1.2 mm, a long bar 3.6 mm, a semi-long bar 2.4 mm, a timing bar 1.2 mm),
     * with its 2 mm quiet zone on every side. Lengths are CSS strings in millimetres.
     */
    public record Drawing(CustomerBarcode barcode, double points) {

        /**
         * The documents print at 8 points: 64 mm wide (66 × 0.96 + 0.48 mm) plus the quiet zones fits
         * the envelope window below the address.
         */
        public static final double POINTS = 8;
        public static final double QUIET_ZONE_MM = 2;

        public double pitchMm() {
            return 1.2 * points / 10;
        }

        public double barWidthMm() {
            return 0.6 * points / 10;
        }

        /** The timing bar's length, the unit of every bar's length and offset. */
        public double unitMm() {
            return 1.2 * points / 10;
        }

        /** The bars' extent, quiet zone excluded. */
        public double symbolWidthMm() {
            return 66 * pitchMm() + barWidthMm();
        }

        public double symbolHeightMm() {
            return 3 * unitMm();
        }

        /** With the quiet zone. */
        public String width() {
            return points == POINTS ? AtPoints.WIDTH : mm(symbolWidthMm() + 2 * QUIET_ZONE_MM);
        }

        public String height() {
            return points == POINTS ? AtPoints.HEIGHT : mm(symbolHeightMm() + 2 * QUIET_ZONE_MM);
        }

        public List<Placed> bars() {
            List<Bar> bars = barcode.bars();
            List<Placed> placed = new ArrayList<>(bars.size());
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                // Every certificate draws 67 bars at the printed size, each one of 4 kinds at one of 67 places:
                // those bars and their styles are made once (String.format per bar and a map of styles keyed
                // by the bar's five fields were ≈ 5% of the print workers' samples).
                placed.add(points == POINTS && i < AtPoints.PLACED.length ? AtPoints.PLACED[i][b.ordinal()] : place(i, b));
            }
            return placed;
        }

        private Placed place(int i, Bar b) {
            return new Placed(b, QUIET_ZONE_MM + i * pitchMm(), QUIET_ZONE_MM + b.topUnits * unitMm(),
                    barWidthMm(), b.lengthUnits * unitMm());
        }

        /** The drawing at {@link #POINTS}: its sizes and every bar at every place, made once. */
        private static final class AtPoints {
            static final String WIDTH;
            static final String HEIGHT;
            static final Placed[][] PLACED = new Placed[67][Bar.values().length];

            static {
                Drawing d = new Drawing(null, POINTS);
                WIDTH = mm(d.symbolWidthMm() + 2 * QUIET_ZONE_MM);
                HEIGHT = mm(d.symbolHeightMm() + 2 * QUIET_ZONE_MM);
                for (int i = 0; i < PLACED.length; i++) {
                    for (Bar b : Bar.values()) {
                        PLACED[i][b.ordinal()] = d.place(i, b);
                    }
                }
            }
        }

        /**
         * One bar: its kind and rectangle (mm from the top left of the quiet zone), and {@code style}, the bar
         * as an absolutely positioned box (made from the other fields).
         */
        public record Placed(Bar bar, double leftMm, double topMm, double widthMm, double heightMm, String style) {
            public Placed(Bar bar, double leftMm, double topMm, double widthMm, double heightMm) {
                this(bar, leftMm, topMm, widthMm, heightMm,
                        "left: " + mm(leftMm) + "; top: " + mm(topMm) + "; width: " + mm(widthMm) + "; height: " + mm(heightMm) + ";");
            }
        }

        static String mm(double v) {
            return String.format(Locale.ROOT, "%.3fmm", v);
        }
    }
}
