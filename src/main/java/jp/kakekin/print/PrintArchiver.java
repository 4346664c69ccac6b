package jp.kakekin.print;

import jp.kakekin.archive.ArchiveMetadata;
import jp.kakekin.archive.DocumentArchive;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.document.DocumentNames;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.edelivery.EDeliveryService;
import jp.kakekin.edelivery.Teg850Mapping;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.store.ContractStore;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The archive copy of every document a print run printed (docs/archive.md), made in the register step
 * from its manifest row: its page is taken out of the merged batch PDF, made PDF/A-3b with the search
 * keys (run date, amount, holder), and — for a 小規模企業共済 certificate with a fixed 控除額 — the signed
 * TEG850 XML of that certificate embedded (the ledger from the store, 証明日 the run date, signed with the
 * e-私書箱 key today). The copy's key and SHA-256 go into the issue record.
 */
final class PrintArchiver {

    private static final Logger log = LoggerFactory.getLogger(PrintArchiver.class);

    private final DocumentArchive archive;
    private final ContractStore contracts;
    private final EDeliveryService eDelivery;
    private final String issuer;

    PrintArchiver(DocumentArchive archive, ContractStore contracts, EDeliveryService eDelivery, String issuer) {
        this.archive = archive;
        this.contracts = contracts;
        this.eDelivery = eDelivery;
        this.issuer = issuer;
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
        Long amount = switch (figures) {
            case CertificateFigures c -> c.deduction();
            case SafetyPaymentStatusFigures s -> s.totalPaid();
            default -> null;
        };
        String counterparty = row.get(ManifestRow.CONTRACT_NO) + "-" + row.get(6) + " " + row.get(11);
        ArchiveMetadata meta = new ArchiveMetadata(code.value(), DocumentNames.of(code), runDate, amount, counterparty,
                issuer, DocumentArchive.at(runDate));
        byte[] xml = figures instanceof CertificateFigures c && c.deduction() != null ? signedXml(c, code, runDate).orElse(null)
                : null;
        DocumentArchive.ArchivedCopy copy = archive.archive(page, meta, xml);
        return new Archived(code.value(), copy.key(), copy.sha256(), xml != null);
    }

    private Optional<byte[]> signedXml(CertificateFigures figures, UniqueCode code, LocalDate runDate) {
        Optional<Ledger> ledger = contracts == null ? Optional.empty() : contracts.ledger(figures.contractNo());
        if (ledger.isEmpty() || eDelivery == null) {
            return Optional.empty();
        }
        try {
            var exporter = eDelivery.exporter();
            // 証明日 is the run date; the XML is made (sakuseiDay) today, when the signing key is valid.
            return Optional.of(exporter.sign(Teg850Mapping.map(ledger.get(), figures, code, runDate,
                    exporter.issuer().issuer()), eDelivery.today()));
        } catch (RuntimeException e) {
            // The copy is still archived (PDF/A-3b, search keys); the XML is missing and the log says why.
            log.warn("archive copy of {} without its TEG850 XML: {}", code.value(), e.getMessage());
            return Optional.empty();
        }
    }
}
