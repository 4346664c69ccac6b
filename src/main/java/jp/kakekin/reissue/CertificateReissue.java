package jp.kakekin.reissue;

import jp.kakekin.issuance.ReasonCode;

import jp.kakekin.archive.IssuedDocumentArchiver;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.issuance.FiguresJson;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.render.CertificateRenderException;
import jp.kakekin.store.ContractStore;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.store.ReissueAudit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reissues a 掛金控除証明書 (RULES.md 1.7, docs/reissue.md): the figures are recomputed from the stored
 * ledger as of the issue's own cutoffs, so they are the figures that were printed; the address is the one
 * registered today, where the letter goes. Every attempt is audited, whether it issued anything or not.
 */
@Service
public class CertificateReissue {

    /** The most unique-code sequences one document can have (two digits, 00 being the original). */
    static final int MAX_SEQUENCE = Issuer.MAX_SEQUENCE;

    public enum Refusal {
        /** No contract with that number is stored. */
        UNKNOWN_CONTRACT,
        /** The contract got no certificate for that year (or its scheme has none). */
        NO_CERTIFICATE,
        /** The year's data cutoff has not passed: whether and what it issues is not known yet. */
        NOT_YET_FINAL,
        /** Sequence 99 has been used: the unique code has no room for another reissue. */
        SEQUENCE_EXHAUSTED,
        /** The certificate cannot be printed (a character no font has, a layout that does not fit). */
        RENDER_FAILED,
        /** The ledger contradicts the rules (RULES.md 1.8): the record is held for the operator, nothing is issued. */
        HELD
    }

    public sealed interface Outcome {
    }

    /** @param pdf the rendered document; {@code document.code().sequence() > 0} marks a 再発行 */
    public record Issued(IssuedDocument document, byte[] pdf) implements Outcome {
    }

    /**
     * @param refusal what the operator API answers (its status code)
     * @param reason  the same in the run reports' vocabulary: the Issuer's reason, or the channel's
     *                ({@code UNKNOWN_CONTRACT}, {@code RENDER_FAILED}, {@code HELD})
     */
    public record Refused(Refusal refusal, ReasonCode reason, String detail) implements Outcome {
    }

    private final ContractStore contracts;
    private final IssuedDocuments issued;
    private final ReissueAudit audit;
    private final ObjectProvider<Issuer> issuer;
    private final CertificatePdfSource pdfs;
    private final IssueCalendar calendar;
    private final TransactionTemplate tx;

    public CertificateReissue(ContractStore contracts, IssuedDocuments issued, ReissueAudit audit,
                              ObjectProvider<Issuer> issuer, CertificatePdfSource pdfs, IssueCalendar calendar,
                              TransactionTemplate tx) {
        this.contracts = contracts;
        this.issued = issued;
        this.audit = audit;
        this.issuer = issuer;
        this.pdfs = pdfs;
        this.calendar = calendar;
        this.tx = tx;
    }

    /**
     * Issues the certificate of {@code year} for a contract again (the November issue when the contract
     * got it, else the February issue: {@link Issuer#certificateOf}).
     *
     * @param checkDigits the CD the caller gave with the number, checked when not null
     * @param actor       who asked (an operator's name, or the batch that works off the form's requests)
     * @param run         the channel recorded with the document
     */
    public Outcome reissue(String contractNo, String checkDigits, int year, String actor, String run) {
        Optional<Ledger> stored = contracts.ledger(contractNo)
                .filter(l -> checkDigits == null || l.checkDigits().equals(checkDigits));
        if (stored.isEmpty()) {
            return refuse(actor, contractNo, year, null, Refusal.UNKNOWN_CONTRACT, ReasonCode.UNKNOWN_CONTRACT,
                    "no contract " + contractNo + (checkDigits == null ? "" : " with check digits " + checkDigits));
        }
        Ledger ledger = stored.get();
        return issue(ledger, year, actor, run, context -> issuer.getObject().certificateOf(ledger, year, context));
    }

    /**
     * Issues again the certificate the holder had on {@code asOf} (the one they lost; the public form's
     * batch): the same "latest" rule as e-私書箱's on-demand delivery ({@link Issuer#latest}), dated today.
     */
    public Outcome reissueLatest(Ledger ledger, LocalDate asOf, String actor, String run) {
        return issue(ledger, asOf.getYear(), actor, run, context -> issuer.getObject().latest(ledger, asOf, context));
    }

    /**
     * The issuance core decides (figures as of the issue's own cutoffs, the address registered today, the
     * next free sequence of the register); this maps its outcome, renders, registers and audits. Two
     * issuers racing for one sequence meet at the register's unique code: the loser asks again.
     */
    private Outcome issue(Ledger ledger, int year, String actor, String run,
                          java.util.function.Function<IssueContext, Issuance> decide) {
        int floor = 0;
        while (true) {
            LocalDate today = calendar.today();
            Issuance issuance = decide.apply(IssueContext.onDemand(today).withMinSequence(floor));
            if (issuance instanceof Issuance.Held h) {
                return refuse(actor, ledger.contractNo(), h.figures().year(), h.figures().document(), Refusal.HELD, ReasonCode.HELD,
                        "contract %s: the %s of %d is held for the operator: %s".formatted(ledger.contractNo(),
                                h.figures().document(), h.figures().year(), h.detail()));
            }
            if (issuance instanceof Issuance.NotIssued n) {
                return refuse(actor, ledger.contractNo(), n.figures() == null ? year : n.figures().year(),
                        n.figures() == null ? null : n.figures().document(), switch (n.reason()) {
                            case NOT_YET_FINAL -> Refusal.NOT_YET_FINAL;
                            case SEQUENCE_EXHAUSTED -> Refusal.SEQUENCE_EXHAUSTED;
                            default -> Refusal.NO_CERTIFICATE;
                        }, n.reason(), n.detail());
            }
            Issuance.Issued i = (Issuance.Issued) issuance;
            UniqueCode code = i.uniqueCode();
            DocumentKind kind = i.figures().document();
            byte[] pdf;
            try {
                pdf = pdfs.render(i.view());
            } catch (CertificateRenderException e) {
                // Never print with a glyph dropped: the operator hears why, nothing is registered.
                return refuse(actor, ledger.contractNo(), i.figures().year(), kind, Refusal.RENDER_FAILED,
                        ReasonCode.RENDER_FAILED, e.getMessage());
            }
            String figuresJson = FiguresJson.write(FiguresJson.toJson(i.figures()));
            OffsetDateTime now = calendar.now();
            byte[] issuedPdf = pdf;
            try {
                IssuedDocument document = tx.execute(status -> {
                    IssuedDocument d = issued.record(code, ledger.contractNo(), kind, i.figures().year(),
                            figuresJson, i.address(), run, now);
                    if (archiver != null) {
                        // The archive copy (docs/archive.md) in the same transaction: no record without it.
                        IssuedDocumentArchiver.Archived a = archiver.archive(issuedPdf, code, i.figures(), ledger,
                                ledger.contractNo() + "-" + ledger.checkDigits() + " " + ledger.holder().name(),
                                now.atZoneSameInstant(jp.kakekin.issuance.JapanClock.ZONE).toLocalDate());
                        issued.recordArchive(code.value(), a.key(), a.sha256());
                    }
                    audit.record(now, actor, ledger.contractNo(), i.figures().year(), kind, code, "ISSUED");
                    return d;
                });
                return new Issued(document, pdf);
            } catch (DuplicateKeyException | org.springframework.dao.PessimisticLockingFailureException
                     | org.springframework.dao.QueryTimeoutException taken) {
                // Someone issued (or is issuing) this sequence between our read and our write: ask again above
                // it. (H2 reports an insert that waited on another's uncommitted same code as a lock timeout.)
                floor = code.sequence() + 1;
            }
        }
    }

    private IssuedDocumentArchiver archiver;

    /** Archive copies of every reissue (docs/archive.md); absent when {@code kakekin.archive.enabled=false}. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void archiveWith(IssuedDocumentArchiver archiver) {
        this.archiver = archiver;
    }

    private Refused refuse(String actor, String contractNo, int year, DocumentKind kind, Refusal refusal,
                           ReasonCode reason, String detail) {
        audit.record(calendar.now(), actor, contractNo, year, kind, null, refusal.name());
        return new Refused(refusal, reason, detail);
    }
}
