package jp.kakekin.print;

import jp.kakekin.archive.IssuedDocumentArchiver;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.store.ContractStore;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The archive copy of every document a print run printed (docs/archive.md), made in the register step
 * from its manifest row: its page is taken out of the merged batch PDF and archived by
 * {@link IssuedDocumentArchiver} (PDF/A-3b, search keys, the signed TEG850 of a fixed 控除額 with the
 * ledger from the store). The copy's key and SHA-256 go into the issue record.
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

    List<Archived> archive(RunFolder folder, List<? extends List<String>> rows, LocalDate runDate) {
        Map<String, List<List<String>>> byBatch = new LinkedHashMap<>();
        for (List<String> row : rows) {
            byBatch.computeIfAbsent(row.get(ManifestRow.BATCH_FILE), k -> new java.util.ArrayList<>()).add(row);
        }
        List<Archived> out = new java.util.ArrayList<>(rows.size());
        for (var e : byBatch.entrySet()) {
            try (PDDocument batch = Loader.loadPDF(folder.out().resolve(e.getKey()).toFile())) {
                for (List<String> row : e.getValue()) {
                    out.add(archive(batch, row, runDate));
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot read " + e.getKey() + " to archive its documents: " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private Archived archive(PDDocument batch, List<String> row, LocalDate runDate) throws IOException {
        UniqueCode code = new UniqueCode(row.get(ManifestRow.UNIQUE_CODE));
        Figures figures = ManifestRow.figures(row);
        byte[] page;
        try (PDDocument one = new PDDocument()) {
            one.importPage(batch.getPage(Integer.parseInt(row.get(ManifestRow.PAGE)) - 1));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            one.save(bytes);
            page = bytes.toByteArray();
        }
        Ledger ledger = figures instanceof CertificateFigures && contracts != null
                ? contracts.ledger(figures.contractNo()).orElse(null) : null;
        String counterparty = row.get(ManifestRow.CONTRACT_NO) + "-" + row.get(6) + " " + row.get(11);
        IssuedDocumentArchiver.Archived a = archiver.archive(page, code, figures, ledger, counterparty, runDate);
        return new Archived(a.uniqueCode(), a.key(), a.sha256(), a.withXml());
    }
}
