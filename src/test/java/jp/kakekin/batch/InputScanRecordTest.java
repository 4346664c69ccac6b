package jp.kakekin.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A partitioned run's prepare step: the input scanned once, and a restart refused if the file changed. */
class InputScanRecordTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartRecordsTheScanARestartKeepsItAChangedFileIsRefused() throws Exception {
        Path input = dir.resolve("ledger.jsonl");
        Files.writeString(input, "{\"a\":1}\n\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n");
        ExecutionContext ctx = new ExecutionContext();

        assertThat(InputScan.record(ctx, input, 2, 7, "the documents already signed")).isTrue();
        assertThat(ctx.getLong(RunKeys.INPUT_RECORDS)).isEqualTo(4);
        assertThat(ctx.getLong(RunKeys.INPUT_LINES)).isEqualTo(5);
        String splits = ctx.getString(RunKeys.INPUT_SPLITS);
        java.util.List<InputScan.Split> parsed = InputScan.Split.parse(splits);
        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0).start()).isZero();
        assertThat(parsed.get(0).firstLine()).isEqualTo(1);
        assertThat(parsed.get(1).start()).isEqualTo(parsed.get(0).end());
        assertThat(parsed.get(1).end()).isEqualTo(Files.size(input));

        assertThat(InputScan.record(ctx, input, 2, 7, "the documents already signed")).isFalse();
        assertThat(ctx.getString(RunKeys.INPUT_SPLITS)).isEqualTo(splits);

        Files.writeString(input, "{\"a\":5}\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(input, FileTime.fromMillis(Files.getLastModifiedTime(input).toMillis() + 2000));
        assertThatThrownBy(() -> InputScan.record(ctx, input, 2, 7, "the documents already signed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(input.toString())
                .hasMessageContaining("changed since run 7 started")
                .hasMessageContaining("the documents already signed came from the old file");
    }
}
