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
    private final Map<CompiledLayout, PdfImportedPage> statics = new IdentityHashMap<>();
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
        PdfImportedPage form = statics.get(layout);
        if (form != null) {
            cb.addTemplate(form, 0, 0);
            return;
        }
        try {
            PdfReader reader = new PdfReader(layout.staticPdf());
            form = writer.getImportedPage(reader, 1);
            cb.addTemplate(form, 0, 0);
            writer.freeReader(reader);
            statics.put(layout, form);
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
                        font = FontSubsetCompactor.compact(font);
                        PdfStream compacted = new PdfStream(font);
                        compacted.put(PdfName.LENGTH1, new org.openpdf.text.pdf.PdfNumber(font.length));
                        compacted.flateCompress(fontCompressionLevel);
                        return super.addToBody(compacted);
                    }
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
