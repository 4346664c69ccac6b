package jp.kakekin.calculation;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawLinesTest {

    @Test
    void splitsLikeReadLine() throws IOException {
        for (String text : List.of("", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb", "a\r\r\nb", "\n\n", "a\n\nb\n",
                "髙橋\n𠮷田\r\n﨑\r", "x\r")) {
            assertThat(split(text, 3)).as("%s", text.replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(readLines(text));
        }
    }

    @Test
    void linesLongerThanTheBufferAndCrLfAcrossItsEdge() throws IOException {
        String longLine = "x".repeat((1 << 20) - 1);
        // the CR is the last byte of the first buffer fill and its LF the first byte of the next one
        String text = longLine + "\r\n" + "y".repeat(3 << 20) + "\n" + "z";
        assertThat(split(text, 2)).isEqualTo(readLines(text));
    }

    private static List<String> split(String text, int chunk) throws IOException {
        List<String> out = new ArrayList<>();
        try (RawLines lines = new RawLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (List<byte[]> c = lines.next(chunk); !c.isEmpty(); c = lines.next(chunk)) {
                assertThat(c.size()).isLessThanOrEqualTo(chunk);
                c.forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static List<String> readLines(String text) throws IOException {
        return new BufferedReader(new StringReader(text)).lines().toList();
    }
}
