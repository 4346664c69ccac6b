package jp.kakekin.print;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's work folder is removed whole — files in every sub-folder, empty folders — by several threads. */
class CleanupTaskletTest {

    @TempDir
    Path dir;

    @Test
    void removesTheWorkFolderWithEverythingInItAndNothingBeside() throws Exception {
        Path work = dir.resolve(".print-run");
        for (String sub : new String[] {"calc", "sort", "print", "print/deeper"}) {
            Files.createDirectories(work.resolve(sub));
            for (int i = 0; i < 200; i++) {
                Files.writeString(work.resolve(sub).resolve("f-" + i + ".csv"), "x".repeat(i));
            }
        }
        Files.createDirectories(work.resolve("empty/inside"));
        Path output = Files.writeString(dir.resolve("batch-00001.pdf"), "kept");

        CleanupTasklet.delete(work);

        assertThat(work).doesNotExist();
        assertThat(output).hasContent("kept");
        CleanupTasklet.delete(work); // already gone: nothing to do, no error
        assertThat(dir).isDirectoryContaining(p -> p.equals(output));
    }
}
