package jp.kakekin.render;

import jp.kakekin.issuance.JapanClock;

import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfArray;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfDocument;
import org.openpdf.text.pdf.PdfImportedPage;
import org.openpdf.text.pdf.PdfIndirectObject;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfObject;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfStream;
import org.openpdf.text.pdf.PdfString;
import org.openpdf.text.pdf.PdfWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.GregorianCalendar;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One PDF being written — a single document or a merged print batch — by OpenPDF, with the pages
 * either painted by Flying Saucer (a full layout) or filled from a compiled layout (its static form
 * imported once per file, the slots drawn). Fonts are subset once per file and their empty glyphs'
 * metrics dropped ({@link FontSubsetCompactor}). Used by one thread.
 */
final class PdfFile {

    private final Document document;
    private final PdfWriter writer;
    private final byte[] documentId;
    private final Map<CompiledLayout, org.openpdf.text.pdf.PdfTemplate> statics = new IdentityHashMap<>();
    private boolean open;
    private String title;

    PdfFile(OutputStream out, Rectangle firstPage, LocalDate issuedOn, byte[] documentId, String producer,
            int compressionLevel, int fontCompressionLevel) {
        this.documentId = documentId;
        document = new Document(firstPage, 0, 0, 0, 0);
        PdfDocument pdf = new PdfDocument();
        document.addDocListener(pdf);
        try {
            writer = new CompactFontWriter(pdf, out, fontCompressionLevel);
            pdf.addWriter(writer);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot start the PDF", e);
        }
        writer.setCompressionLevel(compressionLevel);
        writer.getInfo().put(PdfName.PRODUCER, new PdfString(producer));
        writer.getInfo().put(PdfName.CREATOR, new PdfString(producer));
        writer.getExtraCatalog().put(PdfName.LANG, new PdfString("ja"));
        PdfDate date = new PdfDate(GregorianCalendar.from(issuedOn.atStartOfDay(JapanClock.ZONE)));
        writer.getInfo().put(PdfName.CREATIONDATE, date);
        writer.getInfo().put(PdfName.MODDATE, date);
        writer.getInfo().put(PdfName.FILEID, fileId(documentId));
    }

    PdfWriter writer() {
        return writer;
    }

    /** Starts the next page, of the given size; returns its content. */
    PdfContentByte newPage(Rectangle size) {
        document.setPageSize(size);
        if (!open) {
            document.open();
            open = true;
        } else {
            document.newPage();
        }
        return writer.getDirectContent();
    }

    boolean started() {
        return open;
    }

    void title(String title) {
        if (this.title == null && title != null) {
            this.title = title;
        }
    }

    /**
     * Draws the static form of a compiled layout, imported into this file on its first use. The
     * imported objects are written there and then: OpenPDF would otherwise write the forms of several
     * layouts at the end in the order of a hash of their readers, and the same views must give the
     * same bytes.
     */
    void drawStatic(PdfContentByte cb, CompiledLayout layout) {
        org.openpdf.text.pdf.PdfTemplate form = statics.get(layout);
        if (form != null) {
            cb.addTemplate(form, 0, 0);
            return;
        }
        if (layout.staticForm() != null) {
            try {
                form = layout.staticForm().draw(writer, layout.pageSize());
                cb.addTemplate(form, 0, 0);
                writer.releaseTemplate(form);
                statics.put(layout, form);
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            PdfReader reader = new PdfReader(layout.staticPdf());
            PdfImportedPage imported = writer.getImportedPage(reader, 1);
            cb.addTemplate(imported, 0, 0);
            writer.freeReader(reader);
            statics.put(layout, imported);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void finish() {
        if (title != null) {
            writer.getInfo().put(PdfName.TITLE, new PdfString(title, PdfObject.TEXT_UNICODE));
        }
        // Subset names are drawn when the fonts are written, at close: seeded here, so nothing
        // rendered in between (a layout compiled on this thread) changes them.
        SubsetPrefix.seed(documentId);
        try {
            document.close();
        } finally {
            SubsetPrefix.clear();
        }
    }

    private static PdfObject fileId(byte[] id) {
        PdfArray array = new PdfArray();
        PdfString s = new PdfString(id);
        s.setHexWriting(true);
        array.add(s);
        array.add(s);
        return array;
    }

    /**
     * The static form of a compiled layout drawn with the fonts of the file it is drawn in: its content
     * stream as Flying Saucer painted it, its font names renamed to the file's, and the characters it
     * draws added to the file's font subsets — one subset per font per file, where importing the form's
     * one-page PDF brings a subset of its own (a single document would embed BIZ UD Gothic twice).
     * Only for a form whose resources are fonts of the font library (else the form is imported).
     *
     * @param content the form's content stream, uncompressed
     * @param fonts   its font resource names and the library fonts they are
     * @param texts   the characters it draws, by font
     */
    record StaticForm(byte[] content, Map<String, org.openpdf.text.pdf.BaseFont> fonts,
                      Map<org.openpdf.text.pdf.BaseFont, String> texts) {

        static StaticForm of(byte[] staticPdf, Map<org.openpdf.text.pdf.BaseFont, StringBuilder> drawn, FontLibrary library) {
            try {
                PdfReader reader = new PdfReader(staticPdf);
                try {
                    org.openpdf.text.pdf.PdfDictionary resources = reader.getPageN(1).getAsDict(PdfName.RESOURCES);
                    Map<String, org.openpdf.text.pdf.BaseFont> fonts = new java.util.LinkedHashMap<>();
                    if (resources != null) {
                        for (PdfName key : resources.getKeys()) {
                            if (!PdfName.FONT.equals(key) && !PdfName.PROCSET.equals(key)) {
                                return null;
                            }
                        }
                        org.openpdf.text.pdf.PdfDictionary fontDict = resources.getAsDict(PdfName.FONT);
                        if (fontDict != null) {
                            for (PdfName name : fontDict.getKeys()) {
                                org.openpdf.text.pdf.PdfDictionary font = fontDict.getAsDict(name);
                                PdfName base = font == null ? null : font.getAsName(PdfName.BASEFONT);
                                org.openpdf.text.pdf.BaseFont bf = base == null ? null : library.font(subsetless(base));
                                if (bf == null || !PdfName.TYPE0.equals(font.getAsName(PdfName.SUBTYPE))) {
                                    return null;
                                }
                                fonts.put(PdfName.decodeName(name.toString()), bf);
                            }
                        }
                    }
                    Map<org.openpdf.text.pdf.BaseFont, String> texts = new IdentityHashMap<>();
                    drawn.forEach((f, t) -> texts.put(f, t.toString()));
                    for (org.openpdf.text.pdf.BaseFont bf : fonts.values()) {
                        if (!texts.containsKey(bf)) {
                            return null;
                        }
                    }
                    return new StaticForm(reader.getPageContent(1), fonts, texts);
                } finally {
                    reader.close();
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static String subsetless(PdfName base) {
            String name = PdfName.decodeName(base.toString());
            int plus = name.indexOf('+');
            return plus == 6 ? name.substring(7) : name;
        }

        /** The form in a file: its fonts the file's, its characters added to the file's subsets. */
        org.openpdf.text.pdf.PdfTemplate draw(PdfWriter writer, Rectangle size) {
            org.openpdf.text.pdf.PdfTemplate form = org.openpdf.text.pdf.PdfTemplate.createTemplate(writer,
                    size.getWidth(), size.getHeight());
            Map<String, String> renamed = new java.util.HashMap<>();
            for (Map.Entry<String, org.openpdf.text.pdf.BaseFont> e : fonts.entrySet()) {
                // Registers the file's font in the form's resources and marks the characters used, as drawing them
                // would; the operators written are thrown away, the name they used kept.
                form.getInternalBuffer().reset();
                form.beginText();
                form.setFontAndSize(e.getValue(), 1);
                String text = texts.get(e.getValue());
                if (!SlotDevice.directByDefault || !DirectGlyphs.plain(text) || !showDirect(form, text)) {
                    form.showText(text);
                }
                form.endText();
                String ops = new String(form.getInternalBuffer().toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
                int slash = ops.indexOf('/');
                int end = ops.indexOf(' ', slash);
                if (slash < 0 || end < 0) {
                    throw new IllegalStateException("unexpected font operator: " + ops);
                }
                renamed.put(e.getKey(), ops.substring(slash + 1, end));
            }
            form.getInternalBuffer().reset();
            form.getInternalBuffer().append(rename(content, renamed));
            return form;
        }

        /**
         * A form's characters written as OpenPDF's showText would ({@link DirectGlyphs}, the thread's): once per file,
         * layout and font, but a static form's text is long (≈ 1.3% of the print workers' samples through showText).
         */
        private static boolean showDirect(PdfContentByte form, String text) {
            try {
                return DirectGlyphs.ofThisThread().show(form, text);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * The content with its name operands renamed; strings (glyph codes) are left as they are. The spans between
         * renamed names are copied whole into an array sized for the worst case (every {@code /} a name given the
         * longest new name): a ByteArrayOutputStream written byte by byte (its lock and capacity check per byte) was
         * where this spent its time.
         */
        static byte[] rename(byte[] content, Map<String, String> names) {
            Map<String, byte[]> encoded = new java.util.HashMap<>();
            int longest = 0;
            for (Map.Entry<String, String> e : names.entrySet()) {
                byte[] b = e.getValue().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                encoded.put(e.getKey(), b);
                longest = Math.max(longest, b.length);
            }
            int slashes = 0;
            for (byte b : content) {
                if (b == '/') {
                    slashes++;
                }
            }
            byte[] out = new byte[Math.toIntExact(content.length + (long) slashes * longest)];
            int n = 0;
            int copied = 0;
            int i = 0;
            while (i < content.length) {
                int c = content[i] & 0xFF;
                if (c == '(') {
                    int depth = 0;
                    int start = i;
                    for (; i < content.length; i++) {
                        int b = content[i] & 0xFF;
                        if (b == '\\') {
                            i++;
                        } else if (b == '(') {
                            depth++;
                        } else if (b == ')' && --depth == 0) {
                            i++;
                            break;
                        }
                    }
                    // A string ending in a lone backslash: the range error writing it whole gave before.
                    java.util.Objects.checkFromIndexSize(start, i - start, content.length);
                } else if (c == '<' && i + 1 < content.length && content[i + 1] != '<') {
                    while (i < content.length && content[i] != '>') {
                        i++;
                    }
                    i = Math.min(content.length, i + 1);
                } else if (c == '/') {
                    int start = ++i;
                    while (i < content.length && !delimiter(content[i] & 0xFF)) {
                        i++;
                    }
                    byte[] name = encoded.get(new String(content, start, i - start, java.nio.charset.StandardCharsets.ISO_8859_1));
                    if (name != null) {
                        System.arraycopy(content, copied, out, n, start - copied);
                        n += start - copied;
                        System.arraycopy(name, 0, out, n, name.length);
                        n += name.length;
                        copied = i;
                    }
                } else {
                    i++;
                }
            }
            System.arraycopy(content, copied, out, n, content.length - copied);
            n += content.length - copied;
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }

        private static boolean delimiter(int c) {
            return c <= ' ' || c == '/' || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']'
                    || c == '{' || c == '}' || c == '%';
        }
    }

    /** Writes TrueType subsets without the metrics of the glyphs they left out. */
    private static final class CompactFontWriter extends PdfWriter {
        private final int fontCompressionLevel;

        CompactFontWriter(PdfDocument pdf, OutputStream out, int fontCompressionLevel) {
            super(pdf, out);
            this.fontCompressionLevel = fontCompressionLevel;
        }

        @Override
        public PdfIndirectObject addToBody(PdfObject object) throws IOException {
            if (object instanceof PdfStream stream && stream.get(PdfName.LENGTH1) != null && !(object instanceof org.openpdf.text.pdf.PRStream)) {
                byte[] bytes = streamBytes(stream);
                if (bytes != null) {
                    PdfObject filter = stream.get(PdfName.FILTER);
                    byte[] font = PdfName.FLATEDECODE.equals(filter) ? PdfReader.FlateDecode(bytes) : bytes;
                    if (font != null) {
                        font = FontSubsetCompactor.compact(FontSubsetCompactor.stripHinting(font));
                        PdfStream compacted = new PdfStream(font);
                        compacted.put(PdfName.LENGTH1, new org.openpdf.text.pdf.PdfNumber(font.length));
                        compacted.flateCompress(fontCompressionLevel);
                        return super.addToBody(compacted);
                    }
                }
            }
            if (object.getClass() == PdfStream.class && PdfName.FLATEDECODE.equals(((PdfStream) object).get(PdfName.FILTER))) {
                // A font's ToUnicode map or CIDSet, stored by OpenPDF (the fonts' level 0): deflated here.
                PdfStream stream = (PdfStream) object;
                byte[] bytes = streamBytes(stream);
                byte[] raw = bytes == null ? null : PdfReader.FlateDecode(bytes);
                if (raw != null) {
                    PdfStream deflated = new PdfStream(raw);
                    for (PdfName key : stream.getKeys()) {
                        if (!PdfName.LENGTH.equals(key) && !PdfName.FILTER.equals(key) && !PdfName.DECODEPARMS.equals(key)) {
                            deflated.put(key, stream.get(key));
                        }
                    }
                    deflated.flateCompress(fontCompressionLevel);
                    return super.addToBody(deflated);
                }
            }
            return super.addToBody(object);
        }

        private static final java.lang.reflect.Field STREAM_BYTES;

        static {
            try {
                STREAM_BYTES = PdfStream.class.getDeclaredField("streamBytes");
                STREAM_BYTES.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("OpenPDF's PdfStream has changed", e);
            }
        }

        /** A font stream's bytes: OpenPDF keeps a compressed stream's in a buffer of its own, not in getBytes(). */
        private static byte[] streamBytes(PdfStream stream) {
            if (stream.getBytes() != null) {
                return stream.getBytes();
            }
            try {
                java.io.ByteArrayOutputStream buffer = (java.io.ByteArrayOutputStream) STREAM_BYTES.get(stream);
                return buffer == null ? null : buffer.toByteArray();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
