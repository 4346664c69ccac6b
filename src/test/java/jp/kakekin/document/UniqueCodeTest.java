package jp.kakekin.document;

import jp.kakekin.calc.DocumentKind;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * UniqueCode builds and checks codes without a Formatter or a regex; these hold it to the formula and the
 * shape it had with them, over many inputs, so no printed code changes and no malformed one gets in.
 */
class UniqueCodeTest {

    private static final Pattern OLD_SHAPE = Pattern.compile("K(\\d{2})([NFSP])(\\d{7})(\\d{2})(\\d{2})([A-Z])");
    private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static char oldCheckLetter(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum = (sum * 31 + body.charAt(i)) % 9973;
        }
        return CHECK_LETTERS.charAt(sum % CHECK_LETTERS.length());
    }

    private static String oldLetter(DocumentKind d) {
        return switch (d) {
            case NOVEMBER_CERTIFICATE -> "N";
            case FEBRUARY_CERTIFICATE -> "F";
            case SAFETY_TAX_STATEMENT -> "S";
            case SAFETY_PAYMENT_STATUS -> "P";
        };
    }

    private static boolean oldValid(String value) {
        return OLD_SHAPE.matcher(value).matches()
                && oldCheckLetter(value.substring(0, value.length() - 1)) == value.charAt(value.length() - 1);
    }

    @Test
    void ofGivesTheCodeTheFormattedFormulaGave() {
        Random r = new Random(14);
        for (int n = 0; n < 200_000; n++) {
            DocumentKind d = DocumentKind.values()[r.nextInt(DocumentKind.values().length)];
            int year = n < 100 ? 1900 + n * 3 : 1990 + r.nextInt(120);
            String contractNo = "%07d".formatted(r.nextInt(10_000_000));
            String check = "%02d".formatted(r.nextInt(100));
            int sequence = n < 100 ? n : r.nextInt(100);
            String body = "K%02d%s%s%s%02d".formatted(year % 100, oldLetter(d), contractNo, check, sequence);
            UniqueCode code = UniqueCode.of(d, year, contractNo, check, sequence);
            assertThat(code.value()).isEqualTo(body + oldCheckLetter(body));
            assertThat(code.sequence()).isEqualTo(sequence);
            assertThat(code.contractNo()).isEqualTo(contractNo);
            assertThat(code.original().value()).isEqualTo(UniqueCode.of(d, year, contractNo, check, 0).value());
        }
    }

    @Test
    void refusesExactlyWhatTheRegexRefused() {
        UniqueCode good = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "37", 0);
        String alphabet = "K0123456789NFSPAZYa０٣-\u0000 ";
        Random r = new Random(15);
        int valid = 0;
        for (int n = 0; n < 300_000; n++) {
            char[] c = good.value().toCharArray();
            // one to three characters changed, or the length changed
            int changes = 1 + r.nextInt(3);
            for (int k = 0; k < changes; k++) {
                c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
            }
            String candidate = new String(c);
            if (r.nextInt(20) == 0) {
                candidate = r.nextBoolean() ? candidate + "A" : candidate.substring(0, r.nextInt(candidate.length()));
            }
            // the right check letter now and then, so changed codes that are valid are tried too
            if (r.nextBoolean() && candidate.length() > 1) {
                String body = candidate.substring(0, candidate.length() - 1);
                candidate = body + oldCheckLetter(body);
            }
            boolean expected = oldValid(candidate);
            valid += expected ? 1 : 0;
            assertThat(UniqueCode.isValid(candidate)).as(candidate).isEqualTo(expected);
        }
        assertThat(valid).isGreaterThan(1000);
    }

    @Test
    void aMalformedCodeIsRefusedWithTheSameMessage() {
        assertThatThrownBy(() -> new UniqueCode("K26N100001437000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a kakekin unique code: K26N100001437000");
        assertThatThrownBy(() -> UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, -5, "1000014", "37", 0))
                .hasMessageStartingWith("not a kakekin unique code: K-5N");
        assertThatThrownBy(() -> UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "37", 100))
                .hasMessage("sequence must be 0..99, was 100");
    }
}
