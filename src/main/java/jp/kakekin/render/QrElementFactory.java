package jp.kakekin.render;

import org.openpdf.text.Image;
import org.w3c.dom.Element;
import org.xhtmlrenderer.extend.ReplacedElement;
import org.xhtmlrenderer.extend.UserAgentCallback;
import org.xhtmlrenderer.layout.LayoutContext;
import org.xhtmlrenderer.pdf.ITextFSImage;
import org.xhtmlrenderer.pdf.ITextImageElement;
import org.xhtmlrenderer.pdf.ITextOutputDevice;
import org.xhtmlrenderer.pdf.ITextReplacedElementFactory;
import org.xhtmlrenderer.render.BlockBox;

/**
 * Lets a template place a QR code with {@code <img src="qr:TEXT" style="width: 22mm; height: 22mm"/>}
 * ({@code th:src="|qr:${cert.qrUrl}|"}). The image is made in memory for each document; Flying Saucer's
 * own image loading would cache every URL it ever saw.
 */
final class QrElementFactory extends ITextReplacedElementFactory {

    static final String SCHEME = "qr:";

    private final int dotsPerModule;

    QrElementFactory(ITextOutputDevice outputDevice, int dotsPerPixel) {
        super(outputDevice);
        this.dotsPerModule = 2 * dotsPerPixel;
    }

    @Override
    public ReplacedElement createReplacedElement(LayoutContext c, BlockBox box, UserAgentCallback uac,
                                                 int cssWidth, int cssHeight) {
        Element e = box.getElement();
        if (e != null && "img".equals(e.getNodeName()) && e.getAttribute("src").startsWith(SCHEME)) {
            Image image = QrImage.of(e.getAttribute("src").substring(SCHEME.length()));
            // Intrinsic size when the template gives none: 2 CSS pixels per module.
            image.scaleAbsolute(image.getWidth() * dotsPerModule, image.getHeight() * dotsPerModule);
            ITextFSImage fsImage = new ITextFSImage(image);
            return new ITextImageElement(cssWidth != -1 || cssHeight != -1 ? fsImage.scale(cssWidth, cssHeight) : fsImage);
        }
        return super.createReplacedElement(c, box, uac, cssWidth, cssHeight);
    }
}
