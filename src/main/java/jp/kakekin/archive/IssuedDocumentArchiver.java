package jp.kakekin.archive;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.document.DocumentNames;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.edelivery.EDeliveryService;
import jp.kakekin.edelivery.Teg850Mapping;
import jp.kakekin.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;

/**
 * The archive copy of one issued document, made the same way by every channel that archives (the print
 * run's register step, the reissues): search keys from the figures, and for a 小規模企業共済 certificate
 * with a fixed 控除額 the signed TEG850 XML of that certificate (証明日 = the issue date, made and signed
 * today with the e-私書箱 key). When the XML cannot be made the copy is archived without it and the log
 * says why.
 */
public final class IssuedDocumentArchiver {

    private static final Logger log = LoggerFactory.getLogger(IssuedDocumentArchiver.class);

    private final DocumentArchive archive;
    private final EDeliveryService eDelivery;
    private final String issuer;

    /** @param eDelivery signs the embedded TEG850; null: copies without it */
    public IssuedDocumentArchiver(DocumentArchive archive, EDeliveryService eDelivery, String issuer) {
        this.archive = archive;
        this.eDelivery = eDelivery;
        this.issuer = issuer;
    }

    /** One archived document: where, its SHA-256, and whether the signed XML is inside. */
    public record Archived(String uniqueCode, String key, String sha256, boolean withXml) {
    }

    /**
     * @param pdf          the document as issued (one document)
     * @param ledger       the holder's ledger, for the TEG850 (null when the store has none)
     * @param counterparty 共済契約者番号 and name, as printed
     */
    public Archived archive(byte[] pdf, UniqueCode code, Figures figures, Ledger ledger, String counterparty,
                            LocalDate issuedOn) {
        return archive((meta, xml) -> archive.archive(pdf, meta, xml), code, figures, ledger, counterparty, issuedOn);
    }

    /**
     * The same, from a one-page document already open in PDFBox (a page of a print batch): converted in place
     * and saved once.
     *
     * @param idSeed the bytes the copy's file identifier is derived from
     */
    public Archived archive(org.apache.pdfbox.pdmodel.PDDocument doc, byte[] idSeed, UniqueCode code, Figures figures,
                            Ledger ledger, String counterparty, LocalDate issuedOn) {
        return archive((meta, xml) -> archive.archive(doc, idSeed, meta, xml), code, figures, ledger, counterparty,
                issuedOn);
    }

    private Archived archive(java.util.function.BiFunction<ArchiveMetadata, byte[], DocumentArchive.ArchivedCopy> copier,
                             UniqueCode code, Figures figures, Ledger ledger, String counterparty, LocalDate issuedOn) {
        Long amount = switch (figures) {
            case CertificateFigures c -> c.deduction();
            case SafetyPaymentStatusFigures s -> s.totalPaid();
            // 取引金額 of a 明細書: ④ the premiums paid in the period (⑤, the deductible part, is printed beside it)
            case jp.kakekin.calc.SafetyTaxFigures t -> t.paid();
            default -> null;
        };
        ArchiveMetadata meta = new ArchiveMetadata(code.value(), DocumentNames.of(code), issuedOn, amount, counterparty,
                issuer, DocumentArchive.at(issuedOn));
        byte[] xml = figures instanceof CertificateFigures c && c.deduction() != null ? signedXml(c, code, ledger, issuedOn)
                : null;
        DocumentArchive.ArchivedCopy copy = copier.apply(meta, xml);
        return new Archived(code.value(), copy.key(), copy.sha256(), xml != null);
    }

    /** The signed TEG850 XML of an e-私書箱 export, archived as delivered ({@code …/<sha256>.xml}). */
    public Archived archiveDelivered(UniqueCode code, byte[] signedXml) {
        DocumentArchive.ArchivedCopy copy = archive.keep(code.value(), signedXml, "xml");
        return new Archived(code.value(), copy.key(), copy.sha256(), true);
    }

    private byte[] signedXml(CertificateFigures figures, UniqueCode code, Ledger ledger, LocalDate issuedOn) {
        if (ledger == null || eDelivery == null) {
            log.warn("archive copy of {} without its TEG850 XML: {}", code.value(),
                    ledger == null ? "the contract is not in the store" : "no e-私書箱 signing configured");
            return null;
        }
        try {
            var exporter = eDelivery.exporter();
            return exporter.sign(Teg850Mapping.map(ledger, figures, code, issuedOn, exporter.issuer().issuer()),
                    eDelivery.today());
        } catch (RuntimeException e) {
            log.warn("archive copy of {} without its TEG850 XML: {}", code.value(), e.getMessage());
            return null;
        }
    }
}
