package jp.kakekin.render;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator's edit to a layout can and cannot do: the glyph rule holds for template text too. */
class TemplateEditsTest {

    @TempDir
    Path dir;

    private CertificatePdf rendererWith(String find, String replace) throws IOException {
        for (String f : new String[]{"november-certificate.html", "february-certificate.html", "envelope-window.html", "specimen-mark.html", "certificate.css"}) {
            String text = Files.readString(Path.of("templates", f), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(f), f.equals("november-certificate.html") || f.equals("certificate.css")
                    ? text.replace(find, replace) : text, StandardCharsets.UTF_8);
        }
        return new CertificatePdf(FontLibrary.open(Path.of("fonts")), new CertificateTemplates(dir, 0));
    }

    private static CertificateView s01() {
        return Certificates.view(Certificates.load("S01-monthly-all-paid"), DocumentKind.NOVEMBER_CERTIFICATE, 0);
    }

    @Test
    void aCharacterNoFontHasTypedIntoALayoutStopsTheDocument() throws IOException {
        CertificatePdf pdf = rendererWith("証明者</div>", "証明者 \uD83D\uDE00</div>");
        assertThatThrownBy(() -> pdf.render(s01()))
                .isInstanceOfSatisfying(GlyphMissingException.class, e -> {
                    assertThat(e.field()).isEqualTo("template:november-certificate.html");
                    assertThat(e.codePoint()).isEqualTo(0x1F600);
                });
    }

    @Test
    void aCharacterOnlyTheFallbackHasTypedIntoALayoutIsPrinted() throws Exception {
        CertificatePdf pdf = rendererWith("証明者</div>", "証明者 𠮷</div>");
        try (PdfReadBack back = new PdfReadBack(pdf.render(s01()))) {
            assertThat(back.text()).contains("証明者 𠮷");
        }
    }

    @Test
    void aFontFamilyThatIsNotOursFallsBackToOursNotToALatinFont() throws Exception {
        CertificatePdf pdf = rendererWith("font-family: \"BIZ UDGothic\";\n  font-size: 10pt;",
                "font-family: \"Times New Roman\", serif;\n  font-size: 10pt;");
        try (PdfReadBack back = new PdfReadBack(pdf.render(s01()))) {
            assertThat(back.fonts(1)).extracting(PdfReadBack.EmbeddedFont::name)
                    .allMatch(n -> n.contains("BIZUD") || n.contains("IPAmj"))
                    .anyMatch(n -> n.endsWith("+BIZUDMincho-Regular"));
            assertThat(back.text()).contains("年末調整・確定申告でのご利用について");
        }
    }

    @Test
    void anEditShowsUpWithoutRecompilingOrRestarting() throws Exception {
        CertificatePdf pdf = rendererWith("証明者</div>", "証明者</div>");
        try (PdfReadBack back = new PdfReadBack(pdf.render(s01()))) {
            assertThat(back.text()).doesNotContain("発行者");
        }
        Path file = dir.resolve("november-certificate.html");
        Files.writeString(file, Files.readString(file).replace("証明者</div>", "発行者</div>"));
        try (PdfReadBack back = new PdfReadBack(pdf.render(s01()))) {
            assertThat(back.text()).contains("発行者");
        }
    }

    @Test
    void aLayoutThatNoLongerFitsOnePageIsReportedNotPrinted() throws IOException {
        CertificatePdf pdf = rendererWith(".lead { margin: 0 0 3mm 0; }", ".lead { margin: 0 0 200mm 0; }");
        assertThatThrownBy(() -> pdf.render(s01())).isInstanceOf(CertificateRenderException.class)
                .hasMessageContaining("contract 1000001").hasMessageContaining("one A4 page");
    }
}
