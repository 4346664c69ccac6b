package jp.kakekin.render;

import jp.kakekin.document.CertificateView;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.Specimen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fill many without Thymeleaf: a document filled by replaying the trace of an earlier fill of its shape
 * ({@link FillTrace}) gets exactly the marked XHTML and values Thymeleaf gives it — over the generated
 * documents of every kind and variant of the fidelity test, trial (見本) documents, and a layout whose
 * shape depends on a value passed through {@code th:with}; and layouts that compute outside traced
 * expressions are not traced at all.
 */
class FillTraceTest {

    @Test
    void aReplayedFillIsThymeleafsFill() {
        CertificateTemplates templates = new CertificateTemplates(Path.of("templates"), -1);
        List<DocumentView> views = new ArrayList<>(CompiledLayoutFidelityTest.documents());
        for (int i = 0; i < 200; i++) {
            views.add(new Specimen(views.get(i * 7)));
        }
        assertSameFills(templates, views);
        System.out.printf("fill traces: %d of %d fills replayed%n", templates.replayed(), views.size());
        assertThat(templates.replayed()).isGreaterThan(views.size() * 3L / 4);
    }

    @Test
    void aShapeDecidedByAValuePassedThroughThWithIsTracedFaithfully(@TempDir Path dir) throws IOException {
        copyTemplates(dir);
        Path november = dir.resolve("november-certificate.html");
        String layout = Files.readString(november).replace("<div class=\"guidance\">",
                "<div th:with=\"n=${cert.holderName}, e=${cert.issuer}\"><p th:if=\"${#strings.length(n) > 5}\" th:text=\"${n}\">x</p>"
                        + "<p th:text=\"${e.name}\">x</p></div>\n<div class=\"guidance\">");
        Files.writeString(november, layout);
        CertificateTemplates templates = new CertificateTemplates(dir, -1);
        assertThat(FillTrace.traceable(dir, "november-certificate.html")).isNull();
        List<DocumentView> views = CompiledLayoutFidelityTest.documents().stream()
                .filter(v -> v instanceof CertificateView c && c.layout().equals("november-certificate.html")).toList();
        assertThat(views).anyMatch(v -> ((CertificateView) v).holderName().length() > 5)
                .anyMatch(v -> ((CertificateView) v).holderName().length() <= 5);
        assertSameFills(templates, views);
        assertThat(templates.replayed()).isGreaterThan(views.size() / 2L);
    }

    @Test
    void layoutsComputingOutsideTracedExpressionsAreNotTraced(@TempDir Path dir) throws IOException {
        copyTemplates(dir);
        for (String layout : List.of("november-certificate.html", "february-certificate.html",
                "safety-individual-statement.html", "safety-corporate-statement.html")) {
            assertThat(FillTrace.traceable(Path.of("templates"), layout)).as(layout).isNull();
        }
        // th:classappend="${a.unpaid} ? 'unpaid'" decides outside an expression: filled by Thymeleaf every time.
        assertThat(FillTrace.traceable(Path.of("templates"), "safety-payment-status.html")).contains("classappend");
        Path november = dir.resolve("november-certificate.html");
        String original = Files.readString(november);
        for (String edit : List.of(
                "<p th:with=\"n=|${cert.holderName} 様|\" th:if=\"${n == 'x'}\">x</p>",
                "<p th:if=\"${cert.reissue} and ${cert.deductionWithheld}\">x</p>",
                "<p th:switch=\"${cert.reissue}\"><span th:case=\"true\">x</span></p>",
                "<p>[[${cert.holderName}]]</p>",
                "<p th:object=\"${cert}\" th:text=\"*{holderName}\">x</p>",
                "<p th:title=\"${cert.holderName}\">x</p>",
                "<th:block th:if=\"${cert.reissue}\">x</th:block>",
                "<p th:if=\"${#ctx.getVariable('cert') != null}\">x</p>")) {
            Files.writeString(november, original.replace("<div class=\"guidance\">", edit + "\n<div class=\"guidance\">"));
            String why = FillTrace.traceable(dir, "november-certificate.html");
            if (!edit.contains("#ctx")) {
                assertThat(why).as(edit).isNotNull();
            }
            // Traced or not, the fill is Thymeleaf's.
            CertificateTemplates templates = new CertificateTemplates(dir, -1);
            assertSameFills(templates, CompiledLayoutFidelityTest.documents().stream()
                    .filter(v -> v.layout().equals("november-certificate.html")).limit(60).toList());
        }
    }

    private static void assertSameFills(CertificateTemplates templates, List<DocumentView> views) {
        for (DocumentView view : views) {
            CertificateTemplates.Marked traced = templates.fill(view, true);
            CertificateTemplates.Marked thymeleaf = templates.fill(view, false);
            assertThat(traced.xhtml()).as(view.uniqueCode().value()).isEqualTo(thymeleaf.xhtml());
            assertThat(traced.values()).as(view.uniqueCode().value()).isEqualTo(thymeleaf.values());
        }
    }

    private static void copyTemplates(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("templates"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }
}
