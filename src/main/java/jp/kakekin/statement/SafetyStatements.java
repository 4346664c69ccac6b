package jp.kakekin.statement;

import jp.kakekin.document.StatementViews;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.IssuedRegister;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.StatementScope;

import jp.kakekin.calc.Calculator;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.render.CertificatePdf;

import java.time.LocalDate;
import java.util.Objects;

/**
 * (ledger, form, year) → the 経営セーフティ共済 document: figures from the calculator, the view, the PDF.
 * Every channel goes through here (operator API, {@code render}, the February run), so they print the
 * same thing and refuse for the same reasons. Thread-safe.
 */
public final class SafetyStatements {

    private final Issuer issuer;
    private final CertificatePdf pdf;

    public SafetyStatements(Calculator calculator, StatementViews views, CertificatePdf pdf) {
        // The SAFETY documents are never registered; their unique code is always sequence 00.
        this.issuer = new Issuer(calculator, null, Objects.requireNonNull(views), IssuedRegister.EMPTY);
        this.pdf = Objects.requireNonNull(pdf);
    }

    /** Why a document is not produced. */
    public enum Refusal {
        /** A 小規模企業共済 contract: it has no SAFETY documents. */
        NOT_SAFETY,
        /** The individual 明細書 asked for a corporation, or the corporate one for an individual. */
        WRONG_FORM,
        /** Nothing to state for that year (see {@link StatementScope}). */
        NOTHING_TO_STATE,
        /** The period has not ended in Japan: its figures are not final (409). */
        NOT_YET_FINAL,
        /** The ledger contradicts the rules (RULES.md 1.8): held for the operator. */
        HELD,
        /** Another reason the issuance core gave (no address, a calculation that failed). */
        CANNOT_ISSUE
    }

    /** What {@link #view} gives: a view or a refusal. */
    public sealed interface Outcome permits Ready, Refused {
    }

    /** What {@link #pdf} gives: a PDF or a refusal. */
    public sealed interface Rendering permits Pdf, Refused {
    }

    /** The view, ready to render (alone or in a print batch), and the issuance core's outcome it maps. */
    public record Ready(Issuance.Issued issued) implements Outcome {
        public DocumentView view() {
            return issued.view();
        }
    }

    public record Refused(Refusal refusal, String detail) implements Outcome, Rendering {
    }

    /**
     * One document as its own PDF (one A4 page).
     *
     * @param issued what the issuance core decided (figures, address), for the register and the archive
     */
    public record Pdf(UniqueCode uniqueCode, byte[] bytes, Issuance.Issued issued) implements Rendering {
    }

    /**
     * The view of one document.
     *
     * @param issuedOn      the day printed as issued (作成日)
     * @param addressCutoff the 掛金納付状況兼領収書 goes to the latest address received on or before it
     *                      (null: the issue date); a 明細書 prints the address at the issue date
     */
    public Outcome view(Ledger ledger, StatementForm form, int year, LocalDate issuedOn, LocalDate addressCutoff) {
        if (ledger.scheme() == Scheme.SAFETY && form != StatementForm.PAYMENT_STATUS) {
            StatementForm holders = StatementForm.taxStatementOf(ledger.holder());
            if (form != holders) {
                return new Refused(Refusal.WRONG_FORM, "contract %s is held by %s: its 明細書 is form=%s, not %s"
                        .formatted(ledger.contractNo(), ledger.holder().corporate() ? "a corporation (法人)"
                                : "an individual (個人)", holders.parameter(), form.parameter()));
            }
        }
        // Asked for one holder on the day: the address registered that day unless a run's cutoff is given.
        IssueContext context = IssueContext.onDemand(issuedOn).withAddressCutoff(addressCutoff);
        return switch (issuer.issue(ledger, form.document(), year, context)) {
            case Issuance.Issued i -> new Ready(i);
            case Issuance.Held h -> new Refused(Refusal.HELD, h.detail());
            case Issuance.NotIssued n -> new Refused(switch (n.reason()) {
                case OTHER_SCHEME -> Refusal.NOT_SAFETY;
                case NOT_YET_FINAL -> Refusal.NOT_YET_FINAL;
                case NOT_ELIGIBLE_THIS_ISSUE -> Refusal.NOTHING_TO_STATE;
                default -> Refusal.CANNOT_ISSUE;
            }, n.detail());
        };
    }

    /**
     * The document as a PDF, or why there is none; arguments as for {@link #view}.
     *
     * @throws jp.kakekin.render.CertificateRenderException when the document cannot be printed (a
     *                                                      character no font has, a page overflow)
     */
    public Rendering pdf(Ledger ledger, StatementForm form, int year, LocalDate issuedOn, LocalDate addressCutoff) {
        return switch (view(ledger, form, year, issuedOn, addressCutoff)) {
            case Ready r -> new Pdf(r.view().uniqueCode(), pdf.render(r.view()), r.issued());
            case Refused r -> r;
        };
    }
}
