package jp.kakekin.calc;

import jp.kakekin.calculation.CalculationService;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden case of {@code shared/cases} (copied to test resources) through the same path as the
 * {@code calculate} command: the ledger as a JSON Lines file, read, validated, calculated, written.
 */
class GoldenCasesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** The shared cases, and our own hand-checked ones for what the shared set does not cover. */
    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        List<Arguments> all = new ArrayList<>();
        all.addAll(casesIn("/cases"));
        // 29 shared cases (S01–S23, T01–T06), some with two documents
        assertThat(all.stream().map(a -> a.get()[0]).distinct()).hasSizeGreaterThanOrEqualTo(29);
        all.addAll(casesIn("/cases-own"));
        return all.stream();
    }

    private static List<Arguments> casesIn(String resource) throws IOException, URISyntaxException {
        Path folder = Path.of(GoldenCasesTest.class.getResource(resource).toURI());
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode c = JSON.readTree(f.toFile());
                for (Map.Entry<String, JsonNode> e : c.get("expected").properties()) {
                    all.add(Arguments.of(c.get("id").stringValue(), e.getKey(), c.get("year").intValue(),
                            c.get("ledger"), e.getValue()));
                }
            }
        }
        return all;
    }

    /** The copies must stay identical to shared/cases wherever shared/ is beside the checkout (CI has it). */
    @org.junit.jupiter.api.Test
    void copiedCasesAreIdenticalToTheSharedOnes() throws IOException, URISyntaxException {
        Path shared = Path.of("..", "shared", "cases");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "no shared/ beside this checkout");
        Path copy = Path.of(GoldenCasesTest.class.getResource("/cases").toURI());
        try (Stream<Path> files = Files.list(shared)) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(copy.resolve(f.getFileName().toString())))
                        .as("copy of %s", f.getFileName()).isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void caseFiguresMatch(String id, String document, int year, JsonNode ledger, JsonNode expected) throws IOException {
        Path input = dir.resolve(id + ".jsonl");
        Files.writeString(input, JSON.writeValueAsString(ledger) + "\n", StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        CalculationService.Summary summary = new CalculationService(new Calculator())
                .run(input, out, DocumentKind.valueOf(document), year, null);
        assertThat(summary.failed()).as("validation errors: %s", out).isZero();
        JsonNode actual = JSON.readTree(out.toString().strip());
        for (Map.Entry<String, JsonNode> figure : expected.properties()) {
            assertThat(actual.get(figure.getKey()))
                    .as("%s %s %s (all figures: %s)", id, document, figure.getKey(), actual)
                    .isEqualTo(figure.getValue());
        }
    }
}
