package jp.kakekin.render;

import org.xhtmlrenderer.pdf.FontFamily;
import org.xhtmlrenderer.pdf.ITextFontResolver;

import java.util.HashMap;
import java.util.Map;

/**
 * Flying Saucer's font lookup for one pooled renderer, holding only the shared certificate fonts.
 * The PDF base-14 fonts (Times, Helvetica, ...) are left out on purpose: they have no Japanese
 * glyphs. A family a template names that is not ours resolves to BIZ UD Mincho ({@code serif},
 * unknown names) or BIZ UD Gothic ({@code sans-serif}, {@code monospace}) instead of dropping text.
 * <p>
 * The BaseFonts are the library's, shared; only the small family tables are per renderer (Flying
 * Saucer mutates them while it sets up each document).
 */
final class CertificateFontResolver extends ITextFontResolver {

    private final FontLibrary library;
    private boolean fallbackRegistered;

    CertificateFontResolver(FontLibrary library) {
        this.library = library;
    }

    @Override
    protected Map<String, FontFamily> loadFonts() {
        // Called once, lazily, from getFonts(); the families are filled in below.
        return new HashMap<>();
    }

    void registerPrimaries() {
        for (FontLibrary.Face face : library.primaries()) {
            // Reads the face's OS/2 table (weight, underline) from its file: once per renderer, not per document.
            addFont(face.font(), face.path().toString(), face.family());
        }
        Map<String, FontFamily> families = getFonts();
        // Flying Saucer's own last resort is "Serif"; the generic names map here too.
        families.put("Serif", families.get(FontLibrary.MINCHO));
        families.put("SansSerif", families.get(FontLibrary.GOTHIC));
        families.put("Monospaced", families.get(FontLibrary.GOTHIC));
    }

    /** Adds the fallback face once something in the JVM has needed (and so loaded) it. */
    void registerFallbackIfLoaded() {
        if (!fallbackRegistered) {
            FontLibrary.Face fallback = library.fallbackIfLoaded();
            if (fallback != null) {
                addFont(fallback.font(), fallback.path().toString(), fallback.family());
                fallbackRegistered = true;
            }
        }
    }
}
