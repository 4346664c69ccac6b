package jp.kakekin.render;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document's fallback shape is the same whether its values are scanned or remembered from the thread's
 * pages before (the same String objects, a field taking more objects than are remembered, an object with a
 * fallback-font character): compared with a plain scan of every value.
 */
class FallbackShapeTest {

    private static final FontLibrary FONTS = FontLibrary.open(Path.of("fonts"));

    @Test
    void rememberedAnswersAreTheScansAnswers() {
        String fallback = null;
        for (String candidate : List.of("𠮷", "𩸽", "髙", "﨑", "德", "辻")) {
            if (!FONTS.primaryHas(candidate.codePointAt(0))) {
                fallback = candidate;
                break;
            }
        }
        assertThat(fallback).as("a character only the fallback font has").isNotNull();
        // Per field, a pool of objects: ASCII styles, Japanese text, mixed and fallback-only values, blanks.
        List<List<String>> pools = List.of(
                pool("left: 2.000mm; top: 2.960mm;", "left: 2.000mm; top: 2.000mm;", "a b", "x", "y", "z"),
                pool("髙橋 太郎", "山田" + fallback + "子", fallback, "鈴木"),
                pool("https://kakekin.example/reissue?t=AbC", "123,000円", "****"),
                pool(" ", "", "\t" + fallback, "ＡＢＣ"));
        Random random = new Random(14);
        for (int page = 0; page < 5_000; page++) {
            List<String> values = new ArrayList<>();
            int fields = 3 + random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                List<String> pool = pools.get(f % pools.size());
                values.add(pool.get(random.nextInt(pool.size())));
            }
            assertThat(CompiledLayout.fallbackShape(values, FONTS)).as("%s", values).isEqualTo(scan(values));
        }
    }

    /** Distinct objects, as values of documents are. */
    private static List<String> pool(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(new String(v.toCharArray()));
        }
        return out;
    }

    /** The shape by a plain scan: '-' no fallback character, 'm' mixed, 'f' fallback only; "" when none has any. */
    private static String scan(List<String> values) {
        StringBuilder shape = new StringBuilder();
        boolean any = false;
        for (String value : values) {
            boolean primary = false;
            boolean fallback = false;
            for (int i = 0; i < value.length(); ) {
                int cp = value.codePointAt(i);
                i += Character.charCount(cp);
                if (cp != '\n' && cp != '\r' && cp != '\t' && !FONTS.primaryHas(cp)) {
                    fallback = true;
                } else if (cp != ' ') {
                    primary = true;
                }
            }
            any |= fallback;
            shape.append(!fallback ? '-' : primary ? 'm' : 'f');
        }
        return any ? shape.toString() : "";
    }
}
