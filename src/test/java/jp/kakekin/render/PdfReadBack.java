package jp.kakekin.render;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDCIDFont;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a rendered PDF back with PDFBox (an independent implementation), as a reader or scanner would.
 * Public for the tests of other documents' PDFs (jp.kakekin.statement).
 */
public final class PdfReadBack implements AutoCloseable {

    public record EmbeddedFont(String name, boolean embedded, boolean subset) {
    }

    private final PDDocument doc;

    public PdfReadBack(byte[] pdf) {
        try {
            this.doc = Loader.loadPDF(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int pages() {
        return doc.getNumberOfPages();
    }

    public String text() {
        return text(1, pages());
    }

    public String text(int fromPage, int toPage) {
        try {
            PDFTextStripper stripper = new PDFTextStripper();
            // Reading order as a viewer's search sees it: by position on the page. Flying Saucer paints
            // the text of nested inline elements after their line's own text, so stream order differs.
            stripper.setSortByPosition(true);
            stripper.setStartPage(fromPage);
            stripper.setEndPage(toPage);
            return stripper.getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<EmbeddedFont> fonts(int page) {
        PDPage p = doc.getPage(page - 1);
        List<EmbeddedFont> out = new ArrayList<>();
        try {
            for (COSName name : p.getResources().getFontNames()) {
                PDFont font = p.getResources().getFont(name);
                PDFontDescriptor d = font instanceof PDType0Font t0 ? ((PDCIDFont) t0.getDescendantFont()).getFontDescriptor()
                        : font.getFontDescriptor();
                boolean embedded = d != null && (d.getFontFile2() != null || d.getFontFile3() != null || d.getFontFile() != null);
                out.add(new EmbeddedFont(font.getName(), embedded, font.getName().matches("[A-Z]{6}\\+.+")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public String title() {
        return doc.getDocumentInformation().getTitle();
    }

    public String producer() {
        return doc.getDocumentInformation().getProducer();
    }

    public String language() {
        return doc.getDocumentCatalog().getLanguage();
    }

    public BufferedImage image(int page, float dpi) {
        try {
            return new PDFRenderer(doc).renderImageWithDPI(page - 1, dpi, ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the QR code found on a page rendered at print resolution. */
    public String qrCode(int page) {
        BufferedImage image = image(page, 300);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
                    DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code found on page " + page, e);
        }
    }

    @Override
    public void close() throws IOException {
        doc.close();
    }
}
