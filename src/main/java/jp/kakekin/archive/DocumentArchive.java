package jp.kakekin.archive;

import java.time.OffsetDateTime;

/**
 * Archives issued documents: makes the PDF/A-3b copy ({@link PdfA3}), keeps it in the {@link ArchiveStore}
 * under {@code <year>/<unique code>/<sha256>.pdf} and says what the issue register must remember: the key and the
 * copy's SHA-256, by which {@code archive verify} later proves that a file is the one issued.
 */
public final class DocumentArchive {

    private final ArchiveStore store;

    public DocumentArchive(ArchiveStore store) {
        this.store = store;
    }

    /** What was archived: where, and the SHA-256 (hex) of the archived bytes. */
    public record ArchivedCopy(String uniqueCode, String key, String sha256, int size) {
    }

    /**
     * Archives one document.
     *
     * @param renderedPdf the document as issued (one document, fonts embedded)
     * @param signedXml   the signed TEG850 XML to embed, or null (only a 小規模企業共済 certificate with a
     *                    fixed 控除額 has one)
     */
    public ArchivedCopy archive(byte[] renderedPdf, ArchiveMetadata meta, byte[] signedXml) {
        return store(meta, PdfA3.archiveCopy(renderedPdf, meta, attachment(meta, signedXml)));
    }

    /** The same from a one-page document open in PDFBox, converted in place ({@link PdfA3#archiveCopy(org.apache.pdfbox.pdmodel.PDDocument, byte[], ArchiveMetadata, Attachment)}). */
    public ArchivedCopy archive(org.apache.pdfbox.pdmodel.PDDocument doc, byte[] idSeed, ArchiveMetadata meta,
                                byte[] signedXml) {
        return store(meta, PdfA3.archiveCopy(doc, idSeed, meta, attachment(meta, signedXml)));
    }

    private static Attachment attachment(ArchiveMetadata meta, byte[] signedXml) {
        return signedXml == null ? null : new Attachment("TEG850-" + meta.uniqueCode() + ".xml", "application/xml",
                "e-私書箱 TEG850 小規模企業共済等掛金控除証明書 (XML-DSig signed)", signedXml);
    }

    private ArchivedCopy store(ArchiveMetadata meta, byte[] copy) {
        String sha256 = PdfA3.sha256Hex(copy);
        String key = key(meta.uniqueCode(), sha256);
        store.put(key, copy);
        return new ArchivedCopy(meta.uniqueCode(), key, sha256, copy.length);
    }

    /**
     * Archives a document as it was handed out, unchanged (the signed TEG850 XML of an e-私書箱 export: the
     * XML is the document e-私書箱 delivers, and its XML-DSig makes it verifiable by itself), under
     * {@code <year>/<unique code>/<sha256>.<extension>}.
     */
    public ArchivedCopy keep(String uniqueCode, byte[] bytes, String extension) {
        String sha256 = PdfA3.sha256Hex(bytes);
        String key = key(uniqueCode, sha256).replaceFirst("\\.pdf$", "." + extension);
        store.put(key, bytes);
        return new ArchivedCopy(uniqueCode, key, sha256, bytes.length);
    }

    /**
     * {@code 2026/K26N10000012800Y/<sha256>.pdf}: the year of the unique code, the code, the copy's digest.
     * Content-addressed, so a copy is never overwritten: a run voided and issued again under the same
     * code keeps both copies, and the register says which one was issued last.
     */
    public static String key(String uniqueCode, String sha256) {
        return "20" + uniqueCode.substring(1, 3) + "/" + uniqueCode + "/" + sha256 + ".pdf";
    }

    /** The SHA-256 (hex) a content-addressed key names ({@code …/<sha256>.pdf}), or null for another key. */
    public static String digestOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        String hex = dot < 0 ? name : name.substring(0, dot);
        return hex.matches("[0-9a-f]{64}") ? hex : null;
    }

    public ArchiveStore store() {
        return store;
    }

    /** The moment of an archive copy made for a document issued on a Japanese date (midnight in Japan). */
    public static OffsetDateTime at(java.time.LocalDate day) {
        return day.atStartOfDay(jp.kakekin.issuance.JapanClock.ZONE).toOffsetDateTime();
    }
}
