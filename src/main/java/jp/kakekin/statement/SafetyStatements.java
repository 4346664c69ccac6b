package jp.kakekin.statement;

import jp.kakekin.document.StatementViews;
import jp.kakekin.issuance.StatementScope;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;
import jp.kakekin.render.CertificatePdf;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * (ledger, form, year) → the 経営セーフティ共済 document: figures from the calculator, the view, the PDF.
 * Every channel goes through here (operator API, {@code render}, the February run), so they print the
 * same thing and refuse for the same reasons. Thread-safe.
 */
public final class SafetyStatements {

    private final Calculator calculator;
    private final StatementViews views;
    private final CertificatePdf pdf;

    public SafetyStatements(Calculator calculator, StatementViews views, CertificatePdf pdf) {
        this.calculator = Objects.requireNonNull(calculator);
        this.views = Objects.requireNonNull(views);
        this.pdf = Objects.requireNonNull(pdf);
    }

    /** Why a document is not produced. */
    public enum Refusal {
        /** A 小規模企業共済 contract: it has no SAFETY documents. */
        NOT_SAFETY,
        /** The individual 明細書 asked for a corporation, or the corporate one for an individual. */
        WRONG_FORM,
        /** Nothing to state for that year (see {@link StatementScope}). */
        NOTHING_TO_STATE
    }

    /** What {@link #view} gives: a view or a refusal. */
    public sealed interface Outcome permits Ready, Refused {
    }

    /** What {@link #pdf} gives: a PDF or a refusal. */
    public sealed interface Rendering permits Pdf, Refused {
    }

    /** The view, ready to render (alone or in a print batch). */
    public record Ready(DocumentView view) implements Outcome {
    }

    public record Refused(Refusal refusal, String detail) implements Outcome, Rendering {
    }

    /** One document as its own PDF (one A4 page). */
    public record Pdf(UniqueCode uniqueCode, byte[] bytes) implements Rendering {
    }

    /**
     * The view of one document.
     *
     * @param issuedOn      the day printed as issued (作成日)
     * @param addressCutoff the 掛金納付状況兼領収書 goes to the latest address received on or before it
     *                      (null: the issue date); a 明細書 prints the address at the issue date
     */
    public Outcome view(Ledger ledger, StatementForm form, int year, LocalDate issuedOn, LocalDate addressCutoff) {
        if (ledger.scheme() != Scheme.SAFETY) {
            return new Refused(Refusal.NOT_SAFETY, "contract %s is a %s contract; it has no 経営セーフティ共済 documents"
                    .formatted(ledger.contractNo(), ledger.scheme()));
        }
        UniqueCode code = StatementViews.uniqueCode(form.document(), ledger, year);
        if (form == StatementForm.PAYMENT_STATUS) {
            var f = (SafetyPaymentStatusFigures) calculator.calculate(form.document(), ledger, year);
            Optional<String> nothing = StatementScope.paymentStatus(f);
            return nothing.<Outcome>map(why -> new Refused(Refusal.NOTHING_TO_STATE, why))
                    .orElseGet(() -> new Ready(views.paymentStatus(f, ledger, code, issuedOn, addressCutoff)));
        }
        StatementForm holders = StatementForm.taxStatementOf(ledger.holder());
        if (form != holders) {
            return new Refused(Refusal.WRONG_FORM, "contract %s is held by %s: its 明細書 is form=%s, not %s"
                    .formatted(ledger.contractNo(), ledger.holder().corporate() ? "a corporation (法人)"
                            : "an individual (個人)", holders.parameter(), form.parameter()));
        }
        var f = (SafetyTaxFigures) calculator.calculate(form.document(), ledger, year);
        Optional<String> nothing = StatementScope.taxStatement(f);
        return nothing.<Outcome>map(why -> new Refused(Refusal.NOTHING_TO_STATE, why))
                .orElseGet(() -> new Ready(views.taxStatement(f, ledger, code, issuedOn)));
    }

    /**
     * The document as a PDF, or why there is none; arguments as for {@link #view}.
     *
     * @throws jp.kakekin.render.CertificateRenderException when the document cannot be printed (a
     *                                                      character no font has, a page overflow)
     */
    public Rendering pdf(Ledger ledger, StatementForm form, int year, LocalDate issuedOn, LocalDate addressCutoff) {
        return switch (view(ledger, form, year, issuedOn, addressCutoff)) {
            case Ready r -> new Pdf(r.view().uniqueCode(), pdf.render(r.view()));
            case Refused r -> r;
        };
    }
}
