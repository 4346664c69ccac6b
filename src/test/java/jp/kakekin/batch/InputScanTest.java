package jp.kakekin.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan counts lines and records and cuts partitions exactly as the byte-by-byte definition below does,
 * whatever the line endings, blank or whitespace-only lines, a missing final newline, multi-byte characters,
 * and lines that cross the reads (buffers of 1 to 40 bytes).
 */
class InputScanTest {

    @TempDir
    Path dir;

    @Test
    void countsAndSplitsAsTheByteByByteDefinition() throws Exception {
        Random random = new Random(14);
        String[] pieces = {"\n", "\n", " ", "\t", "\r", "\r\n", "{\"a\":1}", "x", "山本 德子", "0123456789abcdef", "\n\n"};
        Path file = dir.resolve("ledger.jsonl");
        for (int round = 0; round < 3_000; round++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);
            int partitions = 1 + random.nextInt(5);
            int buffer = 1 + random.nextInt(40);
            InputScan scan = InputScan.of(file, partitions, buffer);
            InputScan expected = byteByByte(bytes, partitions);
            assertThat(scan.lines()).as("lines of %s", text).isEqualTo(expected.lines());
            assertThat(scan.records()).as("records of %s", text).isEqualTo(expected.records());
            assertThat(scan.splits()).as("splits of %s in %d, buffer %d", text, partitions, buffer)
                    .isEqualTo(expected.splits());
            assertThat(scan.bytes()).isEqualTo(bytes.length);
        }
    }

    @Test
    void findsTheFirstNewlineInAWordOrItsTail() {
        for (int len = 0; len < 30; len++) {
            for (int at = -1; at < len; at++) {
                byte[] a = new byte[len + 3];
                java.util.Arrays.fill(a, (byte) 0x8A); // 0x0A with the high bit set: no newline
                if (at >= 0) {
                    a[at + 1] = '\n';
                    if (at + 2 < len + 1) {
                        a[at + 2] = '\n';
                    }
                }
                a[len + 2] = '\n'; // beyond the range searched
                assertThat(InputScan.newline(a, 1, len + 1)).as("newline at %d of %d", at, len)
                        .isEqualTo(at < 0 ? -1 : at + 1);
            }
        }
    }

    /** The definition: one byte at a time (the scan's code before it learnt to skip a line's content). */
    private static InputScan byteByByte(byte[] a, int partitions) {
        long size = a.length;
        List<Long> starts = new ArrayList<>(List.of(0L));
        List<Long> firstLines = new ArrayList<>(List.of(1L));
        long lines = 0;
        long records = 0;
        boolean content = false;
        boolean atLineStart = true;
        int next = 1;
        long target = partitions > 1 ? size / partitions : Long.MAX_VALUE;
        for (int pos = 0; pos < a.length; pos++) {
            if (atLineStart && pos >= target && pos > 0) {
                starts.add((long) pos);
                firstLines.add(lines + 1);
                next++;
                target = next < partitions ? size * next / partitions : Long.MAX_VALUE;
            }
            byte b = a[pos];
            if (b == '\n') {
                lines++;
                if (content) {
                    records++;
                }
                content = false;
                atLineStart = true;
            } else {
                atLineStart = false;
                content |= b != ' ' && b != '\t' && b != '\r';
            }
        }
        if (!atLineStart) {
            lines++;
            if (content) {
                records++;
            }
        }
        List<InputScan.Split> splits = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            splits.add(new InputScan.Split(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : size, firstLines.get(i)));
        }
        return new InputScan(size, lines, records, 0, splits);
    }
}
