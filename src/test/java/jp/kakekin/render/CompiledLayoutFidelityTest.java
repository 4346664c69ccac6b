package jp.kakekin.render;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.synthetic.SyntheticLedgers;
import jp.kakekin.document.FormEdition;
import jp.kakekin.statement.SafetyStatements;
import jp.kakekin.statement.StatementForm;
import jp.kakekin.document.StatementViews;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lay out once, fill many — tested, not assumed: generated documents of every kind and variant (November
 * and February certificates, first issues and reissues, withheld {@code ****} with its reasons, long and
 * 外字 names, addresses long enough to wrap in the envelope window, the 経営セーフティ共済 掛金納付状況兼領収書
 * and 明細書) are rendered twice, filled from compiled layouts and laid out in full by Flying Saucer, and
 * the two must agree: the same text at the same positions on every page (PDFBox, within 0.1 pt), and
 * the same pixels on a sample of pages (PDFBox raster, a handful of anti-aliased edge pixels at most).
 */
class CompiledLayoutFidelityTest {

    private static final float TOLERANCE_POINTS = 0.1f;
    private static final int CERTIFICATES = 1_600;
    private static final int SAFETY = 400;
    private static final int PIXEL_SAMPLE = 50;

    private static final CertificateTemplates TEMPLATES = new CertificateTemplates(Path.of("templates"), -1);
    private static final FontLibrary FONTS = FontLibrary.open(Path.of("fonts"));

    @Test
    void filledPagesAreTheFullyLaidOutPages() throws IOException {
        List<DocumentView> views = documents();
        CertificatePdf compiled = new CertificatePdf(FONTS, TEMPLATES, true);
        CertificatePdf full = new CertificatePdf(FONTS, TEMPLATES, false);

        int pages = 0;
        int pixelChecks = 0;
        int fallbackPixelChecks = 0;
        int step = Math.max(1, views.size() / PIXEL_SAMPLE);
        for (int from = 0; from < views.size(); from += 250) {
            List<DocumentView> batch = views.subList(from, Math.min(views.size(), from + 250));
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            CertificatePdf.Batch filledBatch = compiled.renderBatch(batch, a);
            CertificatePdf.Batch fullBatch = full.renderBatch(batch, b);
            assertThat(filledBatch.placed()).isEqualTo(fullBatch.placed());
            assertThat(filledBatch.failed().size()).isEqualTo(fullBatch.failed().size());
            try (PDDocument filled = Loader.loadPDF(a.toByteArray()); PDDocument laidOut = Loader.loadPDF(b.toByteArray())) {
                assertThat(filled.getNumberOfPages()).isEqualTo(laidOut.getNumberOfPages());
                PDFRenderer filledRaster = new PDFRenderer(filled);
                PDFRenderer laidOutRaster = new PDFRenderer(laidOut);
                for (int p = 0; p < filled.getNumberOfPages(); p++) {
                    String where = filledBatch.placed().get(p).contractNo() + " " + filledBatch.placed().get(p).uniqueCode();
                    List<Glyph> glyphs = positions(filled, p);
                    assertSameText(glyphs, positions(laidOut, p), where);
                    // Pages with a 外字 (IPAmj) run in a filled field: compared by pixels too, up to 40 of them.
                    boolean fallback = glyphs.stream().anyMatch(g -> g.text().codePoints().anyMatch(cp -> cp > ' ' && !FONTS.primaryHas(cp)));
                    if ((from + p) % step == 0 || fallback && fallbackPixelChecks++ < 40) {
                        try {
                            assertSamePixels(filledRaster.renderImageWithDPI(p, 72, ImageType.GRAY),
                                    laidOutRaster.renderImageWithDPI(p, 72, ImageType.GRAY), where);
                        } catch (AssertionError e) {
                            // Both pages, for a look at what differs.
                            java.nio.file.Files.createDirectories(Path.of("target/fidelity"));
                            javax.imageio.ImageIO.write(filledRaster.renderImageWithDPI(p, 150), "png", Path.of("target/fidelity/filled.png").toFile());
                            javax.imageio.ImageIO.write(laidOutRaster.renderImageWithDPI(p, 150), "png", Path.of("target/fidelity/laid-out.png").toFile());
                            throw e;
                        }
                        pixelChecks++;
                    }
                    pages++;
                }
            }
        }
        CertificatePdf.Counts counts = compiled.counts();
        System.out.printf("fidelity: %d pages compared (%d by pixels); %s%n", pages, pixelChecks, counts);
        assertThat(pages).isGreaterThan(1_800);
        assertThat(pixelChecks).isGreaterThanOrEqualTo(PIXEL_SAMPLE * 9 / 10);
        // Both paths were exercised: most pages filled, and each kind of full-layout fallback met.
        assertThat(counts.filled()).isGreaterThan(pages * 3L / 4);
        assertThat(counts.fullLayouts()).containsKeys("overflow");
        // Fields with 外字 are filled too (their own layout variant per fallback shape), and were looked at.
        assertThat(counts.fullLayouts()).doesNotContainKey("fallback-glyph");
        assertThat(fallbackPixelChecks).isGreaterThanOrEqualTo(40);
        assertThat(full.counts().filled()).isZero();
    }

    private static void assertSameText(List<Glyph> filled, List<Glyph> laidOut, String where) {
        assertThat(filled.stream().map(Glyph::text).toList()).as(where).isEqualTo(laidOut.stream().map(Glyph::text).toList());
        for (int i = 0; i < filled.size(); i++) {
            Glyph f = filled.get(i);
            Glyph l = laidOut.get(i);
            assertThat(Math.abs(f.x() - l.x()) <= TOLERANCE_POINTS && Math.abs(f.y() - l.y()) <= TOLERANCE_POINTS
                    && Math.abs(f.size() - l.size()) <= 0.01f)
                    .as("%s: '%s' at (%.2f, %.2f) size %.2f, laid out at (%.2f, %.2f) size %.2f", where, f.text(), f.x(), f.y(),
                            f.size(), l.x(), l.y(), l.size())
                    .isTrue();
        }
    }

    private static void assertSamePixels(BufferedImage a, BufferedImage b, String where) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        int differing = 0;
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int d = Math.abs((a.getRGB(x, y) & 0xFF) - (b.getRGB(x, y) & 0xFF));
                if (d > 64) {
                    differing++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        where = where + " (differing pixels within x " + minX + ".." + maxX + ", y " + minY + ".." + maxY + ")";
        // 595 x 842 pixels at 72 dpi; sub-pixel rounding of a glyph origin may flip a few edge pixels.
        assertThat(differing).as(where + ": pixels differing").isLessThanOrEqualTo(200);
    }

    private record Glyph(String text, float x, float y, float size) {
    }

    private static List<Glyph> positions(PDDocument doc, int page) throws IOException {
        List<Glyph> glyphs = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                glyphs.add(new Glyph(text.getUnicode(), text.getXDirAdj(), text.getYDirAdj(), text.getFontSizeInPt()));
            }
        };
        stripper.setStartPage(page + 1);
        stripper.setEndPage(page + 1);
        stripper.getText(doc);
        glyphs.sort(Comparator.comparingInt((Glyph g) -> Math.round(g.y() * 2)).thenComparing(Glyph::x).thenComparing(Glyph::text));
        return glyphs;
    }

    /** Generated documents of every kind, with the variants a print run meets and some it rarely does. */
    static List<DocumentView> documents() {
        Calculator calculator = new Calculator();
        List<DocumentView> out = new ArrayList<>();
        certificates(calculator, DocumentKind.NOVEMBER_CERTIFICATE, SyntheticLedgers.ExportPoint.OCTOBER,
                LocalDate.of(2026, 11, 20), CERTIFICATES * 3 / 4, out);
        certificates(calculator, DocumentKind.FEBRUARY_CERTIFICATE, SyntheticLedgers.ExportPoint.JANUARY,
                LocalDate.of(2027, 2, 10), CERTIFICATES / 4, out);
        SafetyStatements statements = new SafetyStatements(calculator,
                new StatementViews(Certificates.VIEWS, FormEdition.DEFAULTS), Certificates.pdf());
        SyntheticLedgers ledgers = new SyntheticLedgers(3, 2026, SyntheticLedgers.ExportPoint.JANUARY);
        int safety = 0;
        for (long i = 0; safety < SAFETY && i < 200_000; i++) {
            Ledger ledger = ledgers.ledger(i);
            if (ledger.scheme() != Scheme.SAFETY) {
                continue;
            }
            StatementForm form = i % 2 == 0 ? StatementForm.PAYMENT_STATUS : StatementForm.taxStatementOf(ledger.holder());
            int year = form == StatementForm.CORPORATE ? 2027 : 2026;
            if (statements.view(ledger, form, year, LocalDate.of(2027, 2, 12), null) instanceof SafetyStatements.Ready ready) {
                out.add(ready.view());
                safety++;
            }
        }
        return out;
    }

    private static void certificates(Calculator calculator, DocumentKind kind, SyntheticLedgers.ExportPoint export,
                                     LocalDate issuedOn, int count, List<DocumentView> out) {
        SyntheticLedgers ledgers = new SyntheticLedgers(kind == DocumentKind.NOVEMBER_CERTIFICATE ? 1 : 2, 2026, export);
        int made = 0;
        for (long i = 0; made < count; i++) {
            Ledger ledger = ledgers.ledger(i);
            if (ledger.scheme() != kind.scheme()
                    || !(calculator.calculate(kind, ledger, 2026) instanceof CertificateFigures f) || !f.issued()) {
                continue;
            }
            int sequence = made % 10 == 3 ? 1 : 0;
            CertificateView v = Certificates.VIEWS.view(f, ledger, UniqueCode.of(kind, 2026, ledger.contractNo(),
                    ledger.checkDigits(), sequence), issuedOn);
            out.add(switch (made % 23) {
                case 5 -> withHolder(v, v.holderName() + "・ジョンソン・ウィリアムズ・エリザベス", v.addressLine1(), v.addressLine2());
                case 7 -> withHolder(v, "𠮷" + v.holderName(), v.addressLine1(), v.addressLine2());
                case 11 -> withHolder(v, v.holderName(), v.addressLine1() + "字上ノ原一丁目二番地三号 グランドメゾン上ノ原",
                        "南棟一二三四号室 株式会社上ノ原ホールディングス気付 第二営業部 総務課");
                case 13 -> withHolder(v, "髙﨑 德", v.addressLine1(), "");
                default -> v;
            });
            made++;
        }
    }

    private static CertificateView withHolder(CertificateView v, String name, String line1, String line2) {
        return new CertificateView(v.figures(), v.uniqueCode(), v.issuedOn(), v.eraYear(), v.issuedOnLabel(),
                v.contractNumber(), v.postalCode(), line1, line2, name, v.monthlyPremium(), v.paid(), v.scheduled(),
                v.discountPaid(), v.deduction(), v.qrUrl(), v.issuer());
    }
}
