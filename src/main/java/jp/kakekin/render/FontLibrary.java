package jp.kakekin.render;

import org.openpdf.text.pdf.BaseFont;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The certificate fonts of one {@code fonts/} directory, each read once per JVM from bytes and shared
 * by every document and thread (OpenPDF subsets a shared BaseFont per PDF writer).
 * <p>
 * Primary faces (BIZ UD Mincho and Gothic) are loaded on first use; the fallback (IPAmj
 * Mincho, 46 MB) only when a text first needs a character the primaries lack. A character is
 * <em>printable</em> when every primary face has it, or the fallback has it; nothing else is ever
 * rendered (see {@link GlyphCheck}).
 */
public final class FontLibrary {

    /** CSS family names under which the faces are registered; templates use these. */
    public static final String MINCHO = "BIZ UDMincho";
    public static final String GOTHIC = "BIZ UDGothic";
    public static final String FALLBACK = "IPAmj Mincho";

    static final String MINCHO_FILE = "BIZUDMincho-Regular.ttf";
    static final String GOTHIC_FILE = "BIZUDGothic-Regular.ttf";
    static final String FALLBACK_FILE = "ipamjm.ttf";

    /** The font files kakekin.render.fonts-dir must hold (also checked by the health endpoint). */
    public static final List<String> FILES = List.of(MINCHO_FILE, GOTHIC_FILE, FALLBACK_FILE);

    private static final ConcurrentMap<Path, FontLibrary> OPENED = new ConcurrentHashMap<>();

    /**
     * One loaded font file: its OpenPDF font, its cmap coverage and the advance widths of the Basic
     * Multilingual Plane (1/1000 em, 0 where the font has no glyph) for fast text measuring.
     */
    record Face(String family, Path path, BaseFont font, BitSet coverage, int[] bmpWidths) {
        boolean has(int codePoint) {
            return coverage.get(codePoint);
        }
    }

    private final Path dir;
    private volatile List<Face> primaries;
    private volatile BitSet primaryCoverage;
    private volatile Face fallback;

    private FontLibrary(Path dir) {
        this.dir = dir;
    }

    /**
     * The library of a directory; the same instance (and the same loaded fonts) for every caller in
     * the JVM. Checks now that the three files are there, so a wrong directory fails at startup.
     */
    public static FontLibrary open(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        for (String file : List.of(MINCHO_FILE, GOTHIC_FILE, FALLBACK_FILE)) {
            if (!Files.isRegularFile(key.resolve(file))) {
                throw new IllegalStateException("font %s not found in %s (kakekin.render.fonts-dir; see fonts/README.md)"
                        .formatted(file, key));
            }
        }
        return OPENED.computeIfAbsent(key, FontLibrary::new);
    }

    public Path directory() {
        return dir;
    }

    /** Whether every primary face has the character (the common case; no fallback needed). */
    public boolean primaryHas(int codePoint) {
        return primaryCoverage().get(codePoint);
    }

    /** Whether every primary face has every printable ASCII character (U+0021..U+007E). */
    boolean primaryHasAscii() {
        Boolean all = primaryHasAscii;
        if (all == null) {
            boolean every = true;
            for (int c = 0x21; c < 0x7F; c++) {
                every &= primaryHas(c);
            }
            primaryHasAscii = all = every;
        }
        return all;
    }

    private volatile Boolean primaryHasAscii;

    /** Whether the fallback face has the character; loads the fallback on first call. */
    public boolean fallbackHas(int codePoint) {
        return fallback().has(codePoint);
    }

    /** Whether the character can be printed at all (by the primaries or the fallback). */
    public boolean printable(int codePoint) {
        return primaryHas(codePoint) || fallbackHas(codePoint);
    }

    List<Face> primaries() {
        List<Face> faces = primaries;
        if (faces == null) {
            synchronized (this) {
                faces = primaries;
                if (faces == null) {
                    faces = List.of(load(MINCHO, MINCHO_FILE), load(GOTHIC, GOTHIC_FILE));
                    BitSet all = (BitSet) faces.getFirst().coverage().clone();
                    for (Face f : faces) {
                        all.and(f.coverage());
                    }
                    primaryCoverage = all;
                    primaries = faces;
                }
            }
        }
        return faces;
    }

    private BitSet primaryCoverage() {
        if (primaryCoverage == null) {
            primaries();
        }
        return primaryCoverage;
    }

    Face fallback() {
        Face face = fallback;
        if (face == null) {
            synchronized (this) {
                face = fallback;
                if (face == null) {
                    face = load(FALLBACK, FALLBACK_FILE);
                    fallback = face;
                }
            }
        }
        return face;
    }

    /** The BMP advance widths of one of this library's fonts, or null for any other font. */
    int[] advanceWidths(BaseFont font) {
        for (Face face : primaries()) {
            if (face.font() == font) {
                return face.bmpWidths();
            }
        }
        Face fallback = this.fallback;
        return fallback != null && fallback.font() == font ? fallback.bmpWidths() : null;
    }

    /** The loaded font of this library with that PostScript name, or null. */
    BaseFont font(String postscriptName) {
        for (Face face : primaries()) {
            if (face.font().getPostscriptFontName().equals(postscriptName)) {
                return face.font();
            }
        }
        Face fallback = this.fallback;
        return fallback != null && fallback.font().getPostscriptFontName().equals(postscriptName) ? fallback.font() : null;
    }

    /** The fallback if something already needed it (renderers register it only then). */
    Face fallbackIfLoaded() {
        return fallback;
    }

    private Face load(String family, String file) {
        Path path = dir.resolve(file);
        try {
            byte[] bytes = Files.readAllBytes(path);
            // The BIZ UD faces (SIL OFL) are embedded without hinting; IPAmj's program is kept as it is.
            FontSubsetCompactor.registerOriginal(bytes, !FALLBACK_FILE.equals(file));
            // Not BaseFont's own cache: it is keyed by name only, and two directories may hold different files.
            BaseFont font = BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null);
            font.setSecureRandom(new SubsetPrefix(file));
            // A subset is about 130 KB before compression and is deflated for every single-certificate PDF.
            // PdfFile takes the font streams OpenPDF makes (subset, ToUnicode, CIDSet), compacts the subset and
            // deflates them itself (kakekin.render.font-compression): OpenPDF's own deflate, undone there, was
            // 1.7 ms of a certificate's 3.8; so OpenPDF only stores (level 0).
            font.setCompressionLevel(0);
            int[] widths = new int[Character.MAX_VALUE + 1];
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                widths[c] = font.getWidth(c);
            }
            return new Face(family, path, font, coverage(font), widths);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + path, e);
        } catch (org.openpdf.text.DocumentException e) {
            throw new IllegalStateException("not a usable TrueType font: " + path, e);
        }
    }

    private static BitSet coverage(BaseFont font) {
        BitSet set = new BitSet(Character.MAX_CODE_POINT + 1);
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (font.charExists(cp)) {
                set.set(cp);
            }
        }
        return set;
    }
}
