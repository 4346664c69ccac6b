package jp.kakekin.render;

import jp.kakekin.document.CertificateView;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.Test;

import java.awt.geom.PathIterator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BIZ UD subsets a PDF embeds: one per font per file (the static form of a compiled layout draws
 * with the file's own font), without hinting (no fpgm, prep, cvt, no glyph instructions) and with
 * every glyph's outline exactly the original font's.
 */
class FontSubsetCompactorTest {

    @Test
    void aSingleCertificateEmbedsOneUnhintedSubsetWithTheOriginalOutlines() throws IOException {
        List<jp.kakekin.document.DocumentView> views = CompiledLayoutFidelityTest.documents().stream()
                .filter(v -> v instanceof CertificateView).limit(2).toList();
        byte[] pdf = Certificates.pdf().render(views.get(0));
        // Twice: the second is filled from a compiled layout with its static form.
        pdf = Certificates.pdf().render(views.get(1));
        try (PDDocument doc = Loader.loadPDF(pdf);
             TrueTypeFont original = new TTFParser().parse(new RandomAccessReadBuffer(
                     java.nio.file.Files.readAllBytes(Path.of("fonts", FontLibrary.GOTHIC_FILE))))) {
            List<PDFont> fonts = new ArrayList<>();
            collect(doc.getPage(0).getResources(), fonts, new HashSet<>());
            assertThat(fonts).as("BIZ UD Gothic once, used by the page and its static form")
                    .extracting(PDFont::getName).containsExactly(fonts.getFirst().getName());
            PDCIDFontType2 cid = (PDCIDFontType2) ((PDType0Font) fonts.getFirst()).getDescendantFont();
            TrueTypeFont subset = cid.getTrueTypeFont();
            assertThat(subset.getTableMap()).doesNotContainKeys("fpgm", "prep", "cvt ");
            int outlines = 0;
            for (int gid = 0; gid < subset.getNumberOfGlyphs(); gid++) {
                GlyphData g = subset.getGlyph().getGlyph(gid);
                if (g == null || g.getDescription().getPointCount() == 0) {
                    continue;
                }
                outlines++;
                assertThat(points(g)).as("glyph %d", gid).isEqualTo(points(original.getGlyph().getGlyph(gid)));
            }
            assertThat(outlines).isGreaterThan(100);
        }
        assertThat(pdf.length).as("a single certificate").isLessThan(40 * 1024);
    }

    private static List<Float> points(GlyphData g) {
        List<Float> out = new ArrayList<>();
        float[] c = new float[6];
        for (PathIterator it = g.getPath().getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            out.add((float) type);
            for (int i = 0; i < 6; i++) {
                out.add(c[i]);
            }
        }
        return out;
    }

    private static void collect(PDResources resources, List<PDFont> out, Set<Object> seen) throws IOException {
        if (resources == null) {
            return;
        }
        for (var name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (seen.add(font.getCOSObject())) {
                out.add(font);
            }
        }
        for (var name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form) {
                collect(form.getResources(), out, seen);
            }
        }
    }
}
