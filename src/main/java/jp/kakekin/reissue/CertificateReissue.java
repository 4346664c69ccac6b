package jp.kakekin.reissue;

import jp.kakekin.archive.IssuedDocumentArchiver;
import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calculation.FiguresJson;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.edelivery.LatestCertificate;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.render.CertificateRenderException;
import jp.kakekin.store.ContractStore;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.store.ReissueAudit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reissues a 掛金控除証明書 (RULES.md 1.7, docs/reissue.md): the figures are recomputed from the stored
 * ledger as of the issue's own cutoffs, so they are the figures that were printed; the address is the one
 * registered today, where the letter goes. Every attempt is audited, whether it issued anything or not.
 */
@Service
public class CertificateReissue {

    /** The most unique-code sequences one document can have (two digits, 00 being the original). */
    static final int MAX_SEQUENCE = 99;

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

    public record Refused(Refusal refusal, String detail) implements Outcome {
    }

    private final ContractStore contracts;
    private final IssuedDocuments issued;
    private final ReissueAudit audit;
    private final Calculator calculator;
    private final CertificatePdfSource pdfs;
    private final IssueCalendar calendar;
    private final TransactionTemplate tx;

    public CertificateReissue(ContractStore contracts, IssuedDocuments issued, ReissueAudit audit,
                              Calculator calculator, CertificatePdfSource pdfs, IssueCalendar calendar,
                              TransactionTemplate tx) {
        this.contracts = contracts;
        this.issued = issued;
        this.audit = audit;
        this.calculator = calculator;
        this.pdfs = pdfs;
        this.calendar = calendar;
        this.tx = tx;
    }

    /**
     * Issues the certificate of {@code year} for a contract again.
     *
     * @param checkDigits the CD the caller gave with the number, checked when not null
     * @param actor       who asked (an operator's name, or the batch that works off the form's requests)
     * @param run         the channel recorded with the document
     */
    public Outcome reissue(String contractNo, String checkDigits, int year, String actor, String run) {
        LocalDate today = calendar.today();
        Optional<Ledger> stored = contracts.ledger(contractNo)
                .filter(l -> checkDigits == null || l.checkDigits().equals(checkDigits));
        if (stored.isEmpty()) {
            return refuse(actor, contractNo, year, null, Refusal.UNKNOWN_CONTRACT,
                    "no contract " + contractNo + (checkDigits == null ? "" : " with check digits " + checkDigits));
        }
        Ledger ledger = stored.get();
        Certificate certificate = certificateOf(ledger, year, today);
        if (certificate.figures() == null) {
            return refuse(actor, contractNo, year, null, certificate.refusal(), certificate.detail());
        }
        return issue(ledger, certificate.figures(), actor, run, today);
    }

    /**
     * The holder's latest certificate on {@code day} (the one they lost): the same rule as e-私書箱's
     * on-demand delivery. Empty when none was issued yet, or for a scheme without certificates.
     */
    public Optional<CertificateFigures> latest(Ledger ledger, LocalDate day) {
        if (ledger.scheme() != Scheme.SHOKIBO) {
            return Optional.empty();
        }
        return LatestCertificate.find(calculator, ledger, day);
    }

    /** Issues a certificate whose figures are already known (the batch picks them with {@link #latest}). */
    private IssuedDocumentArchiver archiver;

    /** Archive copies of every reissue (docs/archive.md); absent when {@code kakekin.archive.enabled=false}. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void archiveWith(IssuedDocumentArchiver archiver) {
        this.archiver = archiver;
    }

    public Outcome issue(Ledger ledger, CertificateFigures figures, String actor, String run, LocalDate today) {
        UniqueCode original = UniqueCode.of(figures.document(), figures.year(), ledger.contractNo(),
                ledger.checkDigits(), 0);
        OptionalInt last = issued.lastSequence(original);
        // Not in the register but past its run: the bulk run printed the original (sequence 00) before
        // this register knew of it, so this copy is a reissue all the same.
        int sequence = last.isPresent() ? last.getAsInt() + 1
                : calendar.isIssuedByRun(figures.document(), figures.year(), today) ? 1 : 0;
        Address registered = AddressCutoff.addressAt(ledger.addresses(), today);
        CertificateFigures printed = withAddress(figures, registered);
        String figuresJson = FiguresJson.write(FiguresJson.toJson(figures));
        while (true) {
            if (sequence > MAX_SEQUENCE) {
                return refuse(actor, ledger.contractNo(), figures.year(), figures.document(),
                        Refusal.SEQUENCE_EXHAUSTED, original + " has been issued " + MAX_SEQUENCE + " times");
            }
            UniqueCode code = UniqueCode.of(figures.document(), figures.year(), ledger.contractNo(),
                    ledger.checkDigits(), sequence);
            byte[] pdf;
            try {
                pdf = pdfs.certificate(printed, ledger, code, today);
            } catch (CertificateRenderException e) {
                // Never print with a glyph dropped: the operator hears why, nothing is registered.
                return refuse(actor, ledger.contractNo(), figures.year(), figures.document(), Refusal.RENDER_FAILED,
                        e.getMessage());
            }
            OffsetDateTime now = calendar.now();
            byte[] issuedPdf = pdf;
            try {
                IssuedDocument document = tx.execute(status -> {
                    IssuedDocument d = issued.record(code, ledger.contractNo(), figures.document(), figures.year(),
                            figuresJson, registered, run, now);
                    if (archiver != null) {
                        // The archive copy (docs/archive.md) in the same transaction: no record without it.
                        IssuedDocumentArchiver.Archived a = archiver.archive(issuedPdf, code, printed, ledger,
                                ledger.contractNo() + "-" + ledger.checkDigits() + " " + ledger.holder().name(), today);
                        issued.recordArchive(code.value(), a.key(), a.sha256());
                    }
                    audit.record(now, actor, ledger.contractNo(), figures.year(), figures.document(), code, "ISSUED");
                    return d;
                });
                return new Issued(document, pdf);
            } catch (DuplicateKeyException taken) {
                // Someone issued this sequence between our read and our write: take the next one.
                sequence++;
            }
        }
    }

    private record Certificate(CertificateFigures figures, Refusal refusal, String detail) {
    }

    /** RULES.md 1.5: the November issue when the contract gets it, else the February issue, else none. */
    private Certificate certificateOf(Ledger ledger, int year, LocalDate today) {
        if (ledger.scheme() != Scheme.SHOKIBO) {
            return new Certificate(null, Refusal.NO_CERTIFICATE,
                    "contract %s is %s: it has no 掛金控除証明書".formatted(ledger.contractNo(), ledger.scheme()));
        }
        if (!calendar.isFinal(DocumentKind.NOVEMBER_CERTIFICATE, year, today)) {
            return new Certificate(null, Refusal.NOT_YET_FINAL,
                    "the certificates of %d are final after September 30, %d".formatted(year, year));
        }
        Figures novemberFigures = calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE, ledger, year);
        if (novemberFigures instanceof HeldFigures held) {
            return held(held);
        }
        CertificateFigures november = (CertificateFigures) novemberFigures;
        if (november.issued()) {
            return new Certificate(november, null, null);
        }
        if (!calendar.isFinal(DocumentKind.FEBRUARY_CERTIFICATE, year, today)) {
            return new Certificate(null, Refusal.NOT_YET_FINAL,
                    "contract %s gets no November issue for %d; a February issue is decided after December 31, %d"
                            .formatted(ledger.contractNo(), year, year));
        }
        Figures februaryFigures = calculator.calculate(DocumentKind.FEBRUARY_CERTIFICATE, ledger, year);
        if (februaryFigures instanceof HeldFigures held) {
            return held(held);
        }
        CertificateFigures february = (CertificateFigures) februaryFigures;
        if (february.issued()) {
            return new Certificate(february, null, null);
        }
        return new Certificate(null, Refusal.NO_CERTIFICATE,
                "contract %s got no certificate for %d (RULES.md 1.5)".formatted(ledger.contractNo(), year));
    }

    private static Certificate held(HeldFigures h) {
        return new Certificate(null, Refusal.HELD, "contract %s: the %s of %d is held for the operator: %s (RULES.md 1.8)"
                .formatted(h.contractNo(), h.document(), h.year(), h.codes()));
    }

    private static CertificateFigures withAddress(CertificateFigures f, Address address) {
        return new CertificateFigures(f.document(), f.year(), f.contractNo(), f.issued(), f.monthlyPremium(), f.paid(),
                f.scheduled(), f.discountPaid(), f.deduction(), f.withheld(), address, f.dataCutoff(),
                f.addressCutoff());
    }

    private Refused refuse(String actor, String contractNo, int year, DocumentKind kind, Refusal refusal,
                           String detail) {
        audit.record(calendar.now(), actor, contractNo, year, kind, null, refusal.name());
        return new Refused(refusal, detail);
    }
}
