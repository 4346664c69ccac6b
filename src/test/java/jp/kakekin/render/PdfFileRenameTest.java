package jp.kakekin.render;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A static form's content gets the file's font names: every name operand found in the map is replaced (by a longer
 * or a shorter name), names in strings, hex strings and unknown names are left as they were — byte for byte what
 * the content with its names rewritten one by one (the reference below, the form's renaming before) gives.
 */
class PdfFileRenameTest {

    private static final Map<String, String> NAMES = Map.of("F1", "F12", "F2", "Xi", "LongFontName", "F9", "GS1", "GS1");

    @Test
    void renamesNameOperandsOnly() {
        String content = "q BT /F1 10 Tf (a /F1 \\) (/F2) b) Tj <2F4631> Tj <</F2 1>> /F2 8 Tf [(x)/F1] TJ ET "
                + "/LongFontName 1 Tf /F1/F2/F3 /GS1 gs /F1";
        byte[] out = PdfFile.StaticForm.rename(bytes(content), NAMES);
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).isEqualTo(
                // The second '<' of a dictionary opens what is read as a hex string (as before): its name is kept.
                "q BT /F12 10 Tf (a /F1 \\) (/F2) b) Tj <2F4631> Tj <</F2 1>> /Xi 8 Tf [(x)/F12] TJ ET "
                        + "/F9 1 Tf /F12/Xi/F3 /GS1 gs /F12");
        assertThat(PdfFile.StaticForm.rename(new byte[0], NAMES)).isEmpty();
        assertThat(PdfFile.StaticForm.rename(bytes("no names (at all)"), NAMES)).isEqualTo(bytes("no names (at all)"));
        assertThat(PdfFile.StaticForm.rename(bytes("/"), NAMES)).isEqualTo(bytes("/"));
    }

    @Test
    void anyContentAsTheReferenceRenamesIt() {
        Random random = new Random(14);
        String[] pieces = {"/F1", "/F2", "/LongFontName", "/GS1", "/F3", "/", " ", "(", ")", "\\", "<", ">", "<<", ">>",
                "[", "]", "10 Tf", "x", "\u00e9", "\n", "%"};
        int failed = 0;
        for (int round = 0; round < 5000; round++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] content = bytes(s.toString());
            byte[] expected;
            try {
                expected = reference(content, NAMES);
            } catch (IndexOutOfBoundsException e) {
                failed++;
                assertThatThrownBy(() -> PdfFile.StaticForm.rename(content, NAMES)).as(s.toString())
                        .isInstanceOf(IndexOutOfBoundsException.class).hasMessage(e.getMessage());
                continue;
            }
            assertThat(PdfFile.StaticForm.rename(content, NAMES)).as(s.toString()).isEqualTo(expected);
        }
        assertThat(failed).as("contents ending in a string's lone backslash").isPositive();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The renaming as the form did it before, byte by byte into a stream. */
    private static byte[] reference(byte[] content, Map<String, String> names) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(content.length + 16);
        int i = 0;
        while (i < content.length) {
            int c = content[i] & 0xFF;
            if (c == '(') {
                int depth = 0;
                int start = i;
                for (; i < content.length; i++) {
                    int b = content[i] & 0xFF;
                    if (b == '\\') {
                        i++;
                    } else if (b == '(') {
                        depth++;
                    } else if (b == ')' && --depth == 0) {
                        i++;
                        break;
                    }
                }
                out.write(content, start, i - start);
            } else if (c == '<' && i + 1 < content.length && content[i + 1] != '<') {
                int start = i;
                while (i < content.length && content[i] != '>') {
                    i++;
                }
                i = Math.min(content.length, i + 1);
                out.write(content, start, i - start);
            } else if (c == '/') {
                int start = ++i;
                while (i < content.length && !delimiter(content[i] & 0xFF)) {
                    i++;
                }
                String name = new String(content, start, i - start, StandardCharsets.ISO_8859_1);
                out.write('/');
                out.writeBytes(names.getOrDefault(name, name).getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write(c);
                i++;
            }
        }
        return out.toByteArray();
    }

    private static boolean delimiter(int c) {
        return c <= ' ' || c == '/' || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']'
                || c == '{' || c == '}' || c == '%';
    }
}
