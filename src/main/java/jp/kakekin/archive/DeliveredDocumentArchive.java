package jp.kakekin.archive;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.edelivery.DeliveryArchive;
import jp.kakekin.edelivery.ExportOutcome;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.store.IssuedDocuments;

/**
 * The archive copy of every e-私書箱 export (docs/archive.md): the signed TEG850 XML exactly as delivered,
 * kept under {@code <year>/<unique code>/<sha256>.xml} — the XML is the document the holder receives and its
 * XML-DSig proves it by itself, so it is archived as is rather than wrapped in a PDF the holder never saw —
 * and recorded as a copy in the register ({@code archived_copies}, channel {@code e-delivery}), not as an
 * issue record: its code is the paper certificate's, whose record belongs to the print run.
 */
public final class DeliveredDocumentArchive implements DeliveryArchive {

    public static final String CHANNEL = "e-delivery";

    private final IssuedDocumentArchiver archiver;
    private final IssuedDocuments register;
    private final JapanClock clock;

    /** @param register where the copy is recorded; null: kept in the store only (no contract store) */
    public DeliveredDocumentArchive(IssuedDocumentArchiver archiver, IssuedDocuments register, JapanClock clock) {
        this.archiver = archiver;
        this.register = register;
        this.clock = clock;
    }

    @Override
    public void archive(ExportOutcome.Delivered delivered) {
        UniqueCode code = new UniqueCode(delivered.uniqueCode());
        IssuedDocumentArchiver.Archived a = archiver.archiveDelivered(code, delivered.xml());
        if (register != null) {
            register.recordCopy(new IssuedDocuments.ArchivedCopy(code, delivered.contractNo(), kindOf(code),
                    yearOf(code), CHANNEL, "application/xml", clock.now(), a.key(), a.sha256()));
        }
    }

    static DocumentKind kindOf(UniqueCode code) {
        return switch (code.value().charAt(3)) {
            case 'N' -> DocumentKind.NOVEMBER_CERTIFICATE;
            case 'F' -> DocumentKind.FEBRUARY_CERTIFICATE;
            case 'S' -> DocumentKind.SAFETY_TAX_STATEMENT;
            case 'P' -> DocumentKind.SAFETY_PAYMENT_STATUS;
            default -> throw new IllegalArgumentException("no document kind in " + code);
        };
    }

    static int yearOf(UniqueCode code) {
        return 2000 + Integer.parseInt(code.value().substring(1, 3));
    }
}
