package jp.kakekin.statement;

import jp.kakekin.archive.IssuedDocumentArchiver;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.issuance.FiguresJson;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.store.IssuedDocuments;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A 経営セーフティ共済 document issued on request (the operator API, docs/safety-statements.md): made by
 * {@link SafetyStatements} (the issuance core decides), dated today in Japan, and — before it is handed
 * out — archived and recorded (docs/archive.md):
 * <ul>
 * <li>its PDF/A-3b archive copy (XMP search keys: 作成日, ④ paid or the 払込累計額, the holder) goes to the
 *     archive, and the copy into the register ({@code archived_copies}, channel {@value #CHANNEL}): every
 *     copy handed out, since the same code is handed out again on every request, dated that day;</li>
 * <li>a 明細書 is also recorded as an issued document ({@code issued_documents}, run {@value #CHANNEL}) the
 *     first time its code is issued, with that copy: no run prints it, so this is its issue record;</li>
 * <li>a 掛金納付状況兼領収書 is only recorded as a copy: its issue record is the February run's (its code in
 *     {@code issued_documents} before the run would make the run skip the holder as already issued).</li>
 * </ul>
 * A copy that cannot be archived stops the request: nothing is handed out without its copy. Without the
 * archive ({@code kakekin.archive.enabled=false}) or a store, the document is made and handed out only.
 */
@Service
public class StatementIssue {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StatementIssue.class);

    /** The channel recorded with the statements the operator API issues. */
    public static final String CHANNEL = "statements-api";

    private final ObjectProvider<SafetyStatements> statements;
    private final ObjectProvider<IssuedDocumentArchiver> archiver;
    private final ObjectProvider<IssuedDocuments> register;
    private final JapanClock clock;

    public StatementIssue(ObjectProvider<SafetyStatements> statements, ObjectProvider<IssuedDocumentArchiver> archiver,
                          ObjectProvider<IssuedDocuments> register, JapanClock clock) {
        this.statements = statements;
        this.archiver = archiver;
        this.register = register;
        this.clock = clock;
    }

    /**
     * The document of {@code form} for {@code year}, dated today, archived and recorded; or why there is none.
     *
     * @throws jp.kakekin.render.CertificateRenderException when it cannot be printed
     * @throws StatementIssue.NotArchived                   when the archive copy cannot be kept
     */
    public SafetyStatements.Rendering issue(Ledger ledger, StatementForm form, int year) {
        OffsetDateTime now = clock.now();
        LocalDate today = now.atZoneSameInstant(JapanClock.ZONE).toLocalDate();
        SafetyStatements.Rendering rendering = statements.getObject().pdf(ledger, form, year, today, null);
        if (rendering instanceof SafetyStatements.Pdf pdf) {
            IssuedDocumentArchiver a = archiver.getIfAvailable();
            if (a != null) {
                try {
                    archive(a, register.getIfAvailable(), ledger, pdf, today, now);
                } catch (RuntimeException e) {
                    throw new NotArchived(pdf.uniqueCode().value(), e);
                }
            }
        }
        return rendering;
    }

    private static void archive(IssuedDocumentArchiver archiver, IssuedDocuments register, Ledger ledger,
                                SafetyStatements.Pdf pdf, LocalDate today, OffsetDateTime now) {
        Issuance.Issued issued = pdf.issued();
        IssuedDocumentArchiver.Archived copy = archiver.archive(pdf.bytes(), pdf.uniqueCode(), issued.figures(), ledger,
                ledger.contractNo() + "-" + ledger.checkDigits() + " " + ledger.holder().name(), today);
        if (register == null) {
            return;
        }
        DocumentKind kind = issued.figures().document();
        // the year the code names (for a corporation's 明細書, the year its 事業年度 ends), as the run records it
        int year = 2000 + Integer.parseInt(pdf.uniqueCode().value().substring(1, 3));
        if (kind == DocumentKind.SAFETY_TAX_STATEMENT && register.byCode(pdf.uniqueCode()).isEmpty()) {
            try {
                register.record(pdf.uniqueCode(), ledger.contractNo(), kind, year,
                        FiguresJson.write(FiguresJson.toJson(issued.figures())), issued.address(), CHANNEL, now);
                register.recordArchive(pdf.uniqueCode().value(), copy.key(), copy.sha256());
            } catch (DuplicateKeyException raced) {
                // another request recorded the first issue a moment ago: this one is a copy
            } catch (org.springframework.dao.DataIntegrityViolationException notStored) {
                // the ledger came from elsewhere than the contract store (its contract is not in it): a copy only
                log.warn("{}: contract {} is not in the contract store; the statement is recorded as a copy only",
                        pdf.uniqueCode().value(), ledger.contractNo());
            }
        }
        register.recordCopy(new IssuedDocuments.ArchivedCopy(pdf.uniqueCode(), ledger.contractNo(), kind, year, CHANNEL,
                "application/pdf", now, copy.key(), copy.sha256()));
    }

    /** The archive copy could not be kept (the store refused or is unreachable): nothing is handed out. */
    public static final class NotArchived extends RuntimeException {
        NotArchived(String code, RuntimeException cause) {
            super("the archive copy of " + code + " cannot be kept: " + cause.getMessage(), cause);
        }
    }
}
