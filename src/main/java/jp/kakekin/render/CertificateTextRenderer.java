package jp.kakekin.render;

import org.openpdf.text.pdf.BaseFont;
import org.xhtmlrenderer.pdf.ITextFSFont;
import org.xhtmlrenderer.pdf.ITextFontContext;
import org.xhtmlrenderer.pdf.ITextTextRenderer;

/**
 * Measures text for Flying Saucer's line breaking from a flat table of advance widths instead of
 * OpenPDF's per-character map lookups: Japanese text can break after every character, so a paragraph
 * is measured many times over. The sum, scaling and rounding are those of {@link ITextTextRenderer},
 * so the layout is the same to the unit.
 */
final class CertificateTextRenderer extends ITextTextRenderer {

    private static final float TEXT_MEASURING_DELTA = 0.01f;

    private final FontLibrary fonts;

    CertificateTextRenderer(FontLibrary fonts) {
        this.fonts = fonts;
    }

    @Override
    public int getWidth(ITextFontContext context, ITextFSFont font, String string) {
        int[] widths = fonts.advanceWidths(font.getFontDescription().getFont());
        if (widths == null) {
            return super.getWidth(context, font, string);
        }
        return width(widths, font, string);
    }

    /** The width of a text as Flying Saucer lays it out, in layout units (a compiled layout's slots measure with this). */
    static int width(FontLibrary fonts, ITextFSFont font, String string) {
        int[] widths = fonts.advanceWidths(font.getFontDescription().getFont());
        if (widths == null) {
            return -1;
        }
        return width(widths, font, string);
    }

    private static int width(int[] widths, ITextFSFont font, String string) {
        BaseFont bf = font.getFontDescription().getFont();
        int total = 0;
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < string.length() && Character.isLowSurrogate(string.charAt(i + 1))) {
                total += bf.getWidth(Character.toCodePoint(c, string.charAt(++i)));
            } else {
                total += widths[c];
            }
        }
        float result = total * 0.001f * font.getSize2D();
        return result - Math.floor(result) < TEXT_MEASURING_DELTA ? (int) result : (int) Math.ceil(result);
    }
}
