package jp.kakekin.render;

import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfContentByte;
import org.xhtmlrenderer.css.parser.FSRGBColor;
import org.xhtmlrenderer.pdf.ITextOutputDevice;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A box's bytes are made once per place and transform and copied after that: the page's content is byte for
 * byte what OpenPDF's rectangle and fill write for each box with the device's transform at the time — boxes
 * repeated, and the same box again after the transform moved.
 */
class SlotDeviceBoxesTest {

    @Test
    void boxesAreWhatRectangleAndFillWrite() throws Exception {
        SlotDevice device = new SlotDevice(20f);
        PdfContentByte page = blackPageOf(device);
        Rectangle a = new Rectangle(1500, 2300, 36, 217);
        Rectangle b = new Rectangle(1572, 2372, 36, 145);
        device.fillBox(a); // sets the fill colour first
        int from = page.getInternalBuffer().size();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Rectangle r : new Rectangle[]{a, b, a, b}) {
            device.fillBox(r);
            expected.write(asOpenPdfWrites(device, r));
        }
        device.translate(113, -57);
        for (Rectangle r : new Rectangle[]{a, b, a}) {
            device.fillBox(r);
            expected.write(asOpenPdfWrites(device, r));
        }
        byte[] all = page.getInternalBuffer().toByteArray();
        assertThat(new String(Arrays.copyOfRange(all, from, all.length), "ISO-8859-1"))
                .isEqualTo(expected.toString("ISO-8859-1"));
    }

    /**
     * More places than the table keeps (it forgets them all and starts again), a place again after that, boxes at
     * the origin, and boxes too large or negative to be kept: each written as OpenPDF writes it.
     */
    @Test
    void manyPlacesAndPlacesNotKept() throws Exception {
        SlotDevice device = new SlotDevice(20f);
        PdfContentByte page = blackPageOf(device);
        device.fillBox(new Rectangle(0, 0, 1, 1));
        int from = page.getInternalBuffer().size();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        java.util.List<Rectangle> boxes = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            boxes.add(new Rectangle(i * 7 % 4000, i / 3, 36 + i % 5, 145 + i % 2 * 72));
        }
        boxes.addAll(boxes.subList(0, 300));
        boxes.add(new Rectangle(0, 0, 0, 0));
        boxes.add(new Rectangle(0, 0, 0, 0));
        boxes.add(new Rectangle(-12, 40, 36, 145));
        boxes.add(new Rectangle(70000, 40, 36, 145));
        boxes.add(new Rectangle(70000, 40, 36, 145));
        boxes.add(new Rectangle(70000 & 0xFFFF, 40, 36, 145)); // the same low 16 bits as the one before
        for (int i = 0; i < boxes.size(); i++) {
            Rectangle r = boxes.get(i);
            if (i % 2 == 0) {
                device.fillBox(r);
            } else {
                device.fillBox(r.x, r.y, r.width, r.height);
            }
            expected.write(asOpenPdfWrites(device, r));
            if (i == 4500) {
                device.translate(113, -57);
            }
        }
        byte[] all = page.getInternalBuffer().toByteArray();
        assertThat(new String(Arrays.copyOfRange(all, from, all.length), "ISO-8859-1"))
                .isEqualTo(expected.toString("ISO-8859-1"));
    }

    /** The box as the device wrote it before: its corners through the transform, then rectangle and fill. */
    private static byte[] asOpenPdfWrites(SlotDevice device, Rectangle r) throws Exception {
        var transform = ITextOutputDevice.class.getDeclaredField("_transform");
        transform.setAccessible(true);
        var pageHeight = ITextOutputDevice.class.getDeclaredField("_pageHeight");
        pageHeight.setAccessible(true);
        AffineTransform t = (AffineTransform) transform.get(device);
        float height = pageHeight.getFloat(device);
        float[] p = {r.x, r.y, r.x + r.width, r.y + r.height};
        t.transform(p, 0, p, 0, 2);
        float x0 = Math.min(p[0], p[2]);
        float x1 = Math.max(p[0], p[2]);
        float y0 = Math.min(height - p[1], height - p[3]);
        float y1 = Math.max(height - p[1], height - p[3]);
        PdfContentByte cb = new PdfContentByte(null);
        cb.rectangle(x0, y0, x1 - x0, y1 - y0);
        cb.fill();
        return cb.getInternalBuffer().toByteArray();
    }

    /** An open A4 page in the device, its fill colour black. */
    private static PdfContentByte blackPageOf(SlotDevice device) {
        org.openpdf.text.Document document = new org.openpdf.text.Document(org.openpdf.text.PageSize.A4);
        org.openpdf.text.pdf.PdfWriter writer = org.openpdf.text.pdf.PdfWriter.getInstance(document, new ByteArrayOutputStream());
        document.open();
        PdfContentByte page = writer.getDirectContent();
        device.setWriter(writer);
        device.initializePage(page, 841.88f);
        device.setColor(new FSRGBColor(0, 0, 0));
        return page;
    }
}
