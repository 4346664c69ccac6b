package jp.kakekin.print;

import jp.kakekin.archive.IssuedDocumentArchiver;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.store.ContractStore;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The archive copy of every document a print run printed (docs/archive.md), made in the print step right
 * after its batch is published, from the documents in memory: each page is taken out of the merged batch
 * PDF and archived by {@link IssuedDocumentArchiver} (PDF/A-3b, search keys, the signed TEG850 of a fixed
 * 控除額 with the ledger from the store). The copy's key and SHA-256 go into the issue record.
 */
final class PrintArchiver {

    private final IssuedDocumentArchiver archiver;
    private final ContractStore contracts;

    PrintArchiver(IssuedDocumentArchiver archiver, ContractStore contracts) {
        this.archiver = archiver;
        this.contracts = contracts;
    }

    /** One archived document: its code, key and SHA-256, and whether the signed XML is inside. */
    record Archived(String uniqueCode, String key, String sha256, boolean withXml) {
    }

    /**
     * @param placed the batch's documents in page order ({@code placed.get(i)} is on page i+1)
     * @param codes  the codes to archive (those this run registered and has not archived yet)
     */
    List<Archived> archive(Path batchPdf, List<IssuedCertificate> placed, Set<String> codes, LocalDate runDate) {
        List<Archived> out = new ArrayList<>(codes.size());
        if (codes.isEmpty()) {
            return out;
        }
        try (PDDocument batch = Loader.loadPDF(batchPdf.toFile())) {
            // The batch's fonts are shared by its pages: their CIDSets go once here, not once per copy.
            jp.kakekin.archive.PdfA3.dropCidSets(batch);
            // The ledgers of the batch's certificates (for their TEG850), in one query, not one per document.
            // Each certificate's code is worked out once (UniqueCode.of formats and checks it).
            List<jp.kakekin.document.UniqueCode> todo = new ArrayList<>(placed.size());
            List<String> contractNos = new ArrayList<>();
            for (IssuedCertificate c : placed) {
                jp.kakekin.document.UniqueCode code = c.uniqueCode();
                boolean wanted = codes.contains(code.value());
                todo.add(wanted ? code : null);
                if (wanted && c.figures() instanceof CertificateFigures) {
                    contractNos.add(c.figures().contractNo());
                }
            }
            // The ledgers of the batch's certificates (for their TEG850), in one query, not one per document.
            java.util.Map<String, Ledger> ledgers = contracts == null ? java.util.Map.of() : contracts.ledgers(contractNos);
            for (int i = 0; i < placed.size(); i++) {
                if (todo.get(i) != null) {
                    out.add(archive(batch, i, placed.get(i), todo.get(i), ledgers, runDate));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + batchPdf.getFileName() + " to archive its documents: "
                    + ex.getMessage(), ex);
        }
        return out;
    }

    private Archived archive(PDDocument batch, int pageIndex, IssuedCertificate c, jp.kakekin.document.UniqueCode code,
                             java.util.Map<String, Ledger> ledgers, LocalDate runDate) throws IOException {
        Figures figures = c.figures();
        Ledger ledger = figures instanceof CertificateFigures ? ledgers.get(figures.contractNo()) : null;
        String counterparty = c.contractNo() + "-" + c.checkDigits() + " " + c.holderName();
        try (PDDocument one = new PDDocument()) {
            byte[] seed = onePage(batch.getPage(pageIndex), one, code.value());
            IssuedDocumentArchiver.Archived a = archiver.archive(one, seed, code, figures, ledger, counterparty,
                    runDate);
            return new Archived(a.uniqueCode(), a.key(), a.sha256(), a.withXml());
        }
    }

    /**
     * Puts the batch page into {@code one} sharing its objects — content stream, fonts, images are written into the
     * copy as they are in the batch, not decoded and compressed again (PDDocument.importPage re-encodes the
     * content) — and returns the bytes the copy's file identifier is derived from: the code and the page's
     * content as stored.
     */
    static byte[] onePage(PDPage page, PDDocument one, String uniqueCode) throws IOException {
        COSDictionary dict = new COSDictionary(page.getCOSObject());
        // inheritable attributes the renderer may have put on the page tree
        if (!dict.containsKey(COSName.RESOURCES) && page.getResources() != null) {
            dict.setItem(COSName.RESOURCES, page.getResources());
        }
        if (!dict.containsKey(COSName.MEDIA_BOX)) {
            dict.setItem(COSName.MEDIA_BOX, page.getMediaBox());
        }
        if (!dict.containsKey(COSName.ROTATE) && page.getRotation() != 0) {
            dict.setInt(COSName.ROTATE, page.getRotation());
        }
        dict.removeItem(COSName.PARENT);
        one.addPage(new PDPage(dict));
        ByteArrayOutputStream seed = new ByteArrayOutputStream();
        seed.write(uniqueCode.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        COSBase contents = dict.getDictionaryObject(COSName.CONTENTS);
        if (contents instanceof COSStream stream) {
            raw(stream, seed);
        } else if (contents instanceof COSArray parts) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.getObject(i) instanceof COSStream stream) {
                    raw(stream, seed);
                }
            }
        }
        return seed.toByteArray();
    }

    private static void raw(COSStream stream, ByteArrayOutputStream to) throws IOException {
        try (java.io.InputStream in = stream.createRawInputStream()) {
            in.transferTo(to);
        }
    }
}
