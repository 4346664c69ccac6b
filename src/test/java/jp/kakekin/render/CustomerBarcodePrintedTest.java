package jp.kakekin.render;

import jp.kakekin.barcode.Bar;
import jp.kakekin.barcode.CustomerBarcode;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.document.CertificateView;
import jp.kakekin.ledger.Ledger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The カスタマバーコード as printed in the envelope window: the page is rasterised and the 67 bars read
 * back (their kind from where each bar starts and ends), so a layout change that moves, cuts or
 * resizes a bar fails here.
 */
class CustomerBarcodePrintedTest {

    private static final int DPI = 300;

    @Test
    void theBarsUnderTheAddressReadBackAsTheBarcode() throws Exception {
        Certificates.Case c = Certificates.load("S01-monthly-all-paid");
        Ledger ledger = Certificates.withAddress(c.ledger(), "2630023", "千葉県千葉市稲毛区緑町3丁目30-8", "郵便ビル403号");
        CertificateView view = Certificates.view(ledger,
                Certificates.figures(c, ledger, DocumentKind.NOVEMBER_CERTIFICATE, Set.of(WhyWithheld.ARREARS)), 0);
        CustomerBarcode expected = view.customerBarcode();
        assertThat(expected.data()).isEqualTo("26300233-30-8-403");

        byte[] pdf = Certificates.pdf().render(view);
        assertThat(readBars(pdf)).isEqualTo(expected.bars());
    }

    @Test
    void aRepresentativePostalCodePrintsNoBarcode() throws Exception {
        Certificates.Case c = Certificates.load("S01-monthly-all-paid");
        Ledger ledger = Certificates.withAddress(c.ledger(), "1000000", "東京都千代田区1-2-3", "");
        CertificateView view = Certificates.view(ledger,
                Certificates.figures(c, ledger, DocumentKind.NOVEMBER_CERTIFICATE, Set.of(WhyWithheld.ARREARS)), 0);
        assertThat(view.customerBarcode()).isNull();
        assertThat(readBars(Certificates.pdf().render(view))).isEmpty();
    }

    /** The bars found in the window, or an empty list when there is no row of 67 timing-bar centres. */
    static List<Bar> readBars(byte[] pdf) throws Exception {
        BufferedImage page;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(doc).renderImageWithDPI(0, DPI, ImageType.GRAY);
        }
        CustomerBarcode.Drawing d = CustomerBarcode.of("1000013", "").drawing();
        double windowLeftMm = 24; // certificate.css .window
        int[] xs = new int[67];
        for (int i = 0; i < 67; i++) {
            xs[i] = px(windowLeftMm + CustomerBarcode.Drawing.QUIET_ZONE_MM + i * d.pitchMm() + d.barWidthMm() / 2);
        }
        // The timing band: the first row (top of the page down to 80 mm) where all 67 centres are dark.
        int band = -1;
        for (int y = px(10); y < px(80) && band < 0; y++) {
            int dark = 0;
            for (int x : xs) {
                dark += dark(page, x, y) ? 1 : 0;
            }
            if (dark == 67) {
                band = y;
            }
        }
        if (band < 0) {
            return List.of();
        }
        int middle = band + px(d.unitMm() / 2);
        List<Bar> bars = new ArrayList<>();
        for (int x : xs) {
            int top = middle;
            while (dark(page, x, top - 1)) {
                top--;
            }
            int bottom = middle;
            while (dark(page, x, bottom + 1)) {
                bottom++;
            }
            boolean up = middle - top > px(d.unitMm());
            boolean down = bottom - middle > px(d.unitMm());
            bars.add(up && down ? Bar.LONG : up ? Bar.ASCENDER : down ? Bar.DESCENDER : Bar.TIMING);
        }
        return bars;
    }

    private static boolean dark(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xff) < 128;
    }

    private static int px(double mm) {
        return (int) Math.round(mm / 25.4 * DPI);
    }
}
