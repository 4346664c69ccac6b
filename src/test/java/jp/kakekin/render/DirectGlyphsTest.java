package jp.kakekin.render;

import org.junit.jupiter.api.Test;
import org.openpdf.text.PageSize;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.xhtmlrenderer.css.constants.IdentValue;
import org.xhtmlrenderer.css.parser.FSRGBColor;
import org.xhtmlrenderer.css.value.FontSpecification;
import org.xhtmlrenderer.pdf.FontDescription;
import org.xhtmlrenderer.pdf.ITextFSFont;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device writes a text's glyph codes itself ({@link DirectGlyphs}) and the file is byte for byte the one
 * OpenPDF's showText makes: every BMP character of each of the project's fonts (glyph codes whose bytes must be
 * escaped, characters without a glyph, several characters of one glyph — the first drawn names it in the
 * subset's ToUnicode map), in bold and oblique as Flying Saucer fakes them, with texts OpenPDF must write
 * (surrogate pairs, variation selectors) in between; the subsets, ToUnicode maps and content streams
 * must all come out the same.
 */
class DirectGlyphsTest {

    private static final FontLibrary FONTS = FontLibrary.open(Path.of("fonts"));

    @Test
    void pagesAreWhatShowTextWrites() {
        List<BaseFont> fonts = new ArrayList<>();
        FONTS.primaries().forEach(f -> fonts.add(f.font()));
        fonts.add(FONTS.fallback().font());
        for (BaseFont font : fonts) {
            SlotDevice direct = new SlotDevice(20f);
            SlotDevice openPdf = new SlotDevice(20f);
            openPdf.directGlyphs = false;
            byte[] a = draw(direct, font);
            byte[] b = draw(openPdf, font);
            // Every text but those with a surrogate pair or a variation selector (OpenPDF's).
            assertThat(direct.directTexts).as(font.getPostscriptFontName()).isEqualTo(plainTexts).isGreaterThan(250);
            assertThat(openPdf.directTexts).isZero();
            assertThat(a.length).isGreaterThan(10_000);
            assertThat(new String(a, StandardCharsets.ISO_8859_1)).as(font.getPostscriptFontName())
                    .isEqualTo(new String(b, StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Whole print batches — filled pages, full layouts, 外字 names, statements, the static forms' characters added to
     * each file's subsets — come out byte for byte the same.
     */
    @Test
    void batchesAreTheSameBytes() {
        List<jp.kakekin.document.DocumentView> all = CompiledLayoutFidelityTest.documents();
        List<jp.kakekin.document.DocumentView> views = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 4) {
            views.add(all.get(i));
        }
        CertificateTemplates templates = new CertificateTemplates(Path.of("templates"), -1);
        CertificatePdf direct = new CertificatePdf(FONTS, templates, true);
        CertificatePdf openPdf;
        SlotDevice.directByDefault = false;
        try {
            openPdf = new CertificatePdf(FONTS, templates, true);
            openPdf.renderBatch(views.subList(0, 1), new ByteArrayOutputStream()); // its renderers made now
        } finally {
            SlotDevice.directByDefault = true;
        }
        direct.renderBatch(views.subList(0, 1), new ByteArrayOutputStream());
        for (int from = 0; from < views.size(); from += 100) {
            List<jp.kakekin.document.DocumentView> batch = views.subList(from, Math.min(views.size(), from + 100));
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            CertificatePdf.Batch mine = direct.renderBatch(batch, a);
            CertificatePdf.Batch theirs;
            SlotDevice.directByDefault = false; // the static forms' texts through OpenPDF too
            try {
                theirs = openPdf.renderBatch(batch, b);
            } finally {
                SlotDevice.directByDefault = true;
            }
            assertThat(mine.placed()).isEqualTo(theirs.placed()).hasSizeGreaterThan(batch.size() / 2);
            assertThat(a.size()).isGreaterThan(batch.size() * 1000);
            assertThat(a.toByteArray()).as("batch from %d", from).isEqualTo(b.toByteArray());
        }
    }

    @Test
    void escapedGlyphBytesAndMissingCharacters() throws Throwable {
        BaseFont font = FONTS.primaries().getFirst().font();
        // Characters whose glyph codes have a byte PDF strings escape, and one the font has no glyph for.
        StringBuilder special = new StringBuilder();
        char missing = 0;
        for (char c = 0x20; c < 0xD800; c++) {
            int[] m = metrics(font, c);
            if (m == null) {
                if (missing == 0 && c > 0x3000) {
                    missing = c;
                }
                continue;
            }
            int lo = m[0] & 0xFF;
            if ((lo == '(' || lo == ')' || lo == '\\' || lo == '\n' || lo == '\r' || lo == '\t' || lo == '\b' || lo == '\f')
                    && special.length() < 16) {
                special.append(c);
            }
        }
        assertThat(special.length()).isGreaterThanOrEqualTo(8);
        assertThat((int) missing).isNotZero();
        String text = "A" + special + missing + "B";
        org.openpdf.text.Document document = new org.openpdf.text.Document(PageSize.A4);
        org.openpdf.text.pdf.PdfWriter writer = org.openpdf.text.pdf.PdfWriter.getInstance(document, new ByteArrayOutputStream());
        document.open();
        PdfContentByte cb = writer.getDirectContent();
        cb.beginText();
        cb.setFontAndSize(font, 10);
        int from = cb.getInternalBuffer().size();
        assertThat(new DirectGlyphs().show(cb, text)).isTrue();
        String mine = new String(cb.getInternalBuffer().toByteArray(), from, cb.getInternalBuffer().size() - from, StandardCharsets.ISO_8859_1);
        from = cb.getInternalBuffer().size();
        cb.showText(text);
        String theirs = new String(cb.getInternalBuffer().toByteArray(), from, cb.getInternalBuffer().size() - from, StandardCharsets.ISO_8859_1);
        assertThat(mine).isEqualTo(theirs).contains("\\(", "\\)", "\\\\").startsWith("(").endsWith(")Tj\n");
        // Two glyph codes for A and B, two per special character, none for the missing one.
        assertThat(mine.replaceAll("\\\\[nrtbf()\\\\]", "x").length()).isEqualTo(1 + 2 * (special.length() + 2) + 4);
    }

    private static int[] metrics(BaseFont font, char c) throws Throwable {
        var m = java.lang.invoke.MethodHandles.privateLookupIn(Class.forName("org.openpdf.text.pdf.TrueTypeFont"),
                java.lang.invoke.MethodHandles.lookup()).findVirtual(Class.forName("org.openpdf.text.pdf.TrueTypeFont"),
                "getMetricsTT", java.lang.invoke.MethodType.methodType(int[].class, int.class));
        return (int[]) m.invoke(font, (int) c);
    }

    /** One file: every BMP character of the font in texts of 40, in four styles, OpenPDF-only texts in between. */
    private static long plainTexts;

    private static byte[] draw(SlotDevice device, BaseFont font) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfFile file = new PdfFile(out, PageSize.A4, LocalDate.of(2026, 11, 13), new byte[16], "test", 6, 6);
        PdfContentByte cb = file.newPage(PageSize.A4);
        device.setWriter(file.writer());
        device.initializePage(cb, PageSize.A4.getHeight());
        device.setColor(new FSRGBColor(0, 0, 0));
        ITextFSFont regular = new ITextFSFont(new FontDescription(font, IdentValue.NORMAL, 400), 200f);
        FontSpecification[] specs = {
                null,
                new FontSpecification(10, IdentValue.NORMAL, new String[]{"x"}, IdentValue.NORMAL, IdentValue.NORMAL),
                new FontSpecification(10, IdentValue.BOLD, new String[]{"x"}, IdentValue.NORMAL, IdentValue.NORMAL),
                new FontSpecification(10, IdentValue.NORMAL, new String[]{"x"}, IdentValue.ITALIC, IdentValue.NORMAL),
        };
        StringBuilder text = new StringBuilder();
        int n = 0;
        // From the top so that a later character of an earlier glyph comes first in some files' order.
        for (int c = 0xFFFD; c >= 0x20; c--) {
            if (c >= 0xD800 && c <= 0xDFFF || !font.charExists(c) && c % 97 != 0) {
                continue;
            }
            text.append((char) c);
            if (text.length() == 40) {
                device.setFont(regular);
                device.setFontSpecification(specs[n % specs.length]);
                device.drawString(text.toString(), 100 + n % 50, 200 + (n % 300) * 40, null);
                if (n % 101 == 0) {
                    device.drawString("葛\uDB40\uDD00城" + text + "\uD842\uDFB7", 120, 300, null);
                    device.drawString("辻\uFE00", 120, 340, null);
                }
                text.setLength(0);
                n++;
            }
        }
        device.drawString(text.toString(), 0, 0, null);
        plainTexts = n + 1;
        device.finishPage();
        file.finish();
        return out.toByteArray();
    }
}
