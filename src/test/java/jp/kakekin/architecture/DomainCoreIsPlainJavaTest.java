package jp.kakekin.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** HOUSE.md: the calculator is plain Java — no Spring, no channels, no I/O. */
class DomainCoreIsPlainJavaTest {

    @Test
    void calcImportsOnlyTheJdkAndTheLedgerModel() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/jp/kakekin/calc"))) {
            offending = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> l.startsWith("import "))
                            .filter(l -> !(l.startsWith("import java.") || l.startsWith("import static java.")
                                    || l.startsWith("import jp.kakekin.calc.") || l.startsWith("import jp.kakekin.ledger.")))
                            .map(l -> p.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(offending).isEmpty();
    }
}
