package jp.kakekin.issuance;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.Eligibility;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.StatementViews;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one place that decides what a holder is issued: (ledger, document kind, year, context) → issued
 * (view, unique code, address), not issued (reason code) or held. Scheme, finality, the calculator,
 * eligibility (RULES.md 1.5; a SAFETY document with nothing to state), the address cutoff
 * ({@link AddressRule}), the unique code (sequence 00 for a run, the next free one for a document issued
 * on request) and the view. Every channel — calculate, render, print-run, the reissues, e-私書箱, the
 * statements endpoint — goes through here and only maps the outcome. Plain Java, thread-safe.
 */
public final class Issuer {

    /** The most unique-code sequences one document can have (two digits, 00 being the original). */
    public static final int MAX_SEQUENCE = 99;

    private final Calculator calculator;
    private final CertificateViews certificates;
    private final StatementViews statements;
    private final IssuedRegister register;

    /**
     * @param certificates builds certificate views; null (with {@code statements}) for an Issuer that decides
     *                     only: its issued outcomes carry no view ({@code calculate}, tests)
     * @param statements   builds the SAFETY views; null likewise
     * @param register     the issued documents, for the sequence of a document issued on request
     */
    public Issuer(Calculator calculator, CertificateViews certificates, StatementViews statements,
                  IssuedRegister register) {
        this.calculator = Objects.requireNonNull(calculator);
        this.certificates = certificates;
        this.statements = statements;
        this.register = register == null ? IssuedRegister.EMPTY : register;
    }

    public Calculator calculator() {
        return calculator;
    }

    /** The document of {@code kind} for {@code year}, as {@code context} asks. */
    public Issuance issue(Ledger ledger, DocumentKind kind, int year, IssueContext context) {
        return issue(ledger, kind, year, context, true);
    }

    /**
     * The decision without the view (the {@code calculate} channel): an issued outcome carries a null view.
     * Same rules, same reasons.
     */
    public Issuance decide(Ledger ledger, DocumentKind kind, int year, IssueContext context) {
        return issue(ledger, kind, year, context, false);
    }

    private Issuance issue(Ledger ledger, DocumentKind kind, int year, IssueContext context, boolean withView) {
        if (ledger.scheme() != kind.scheme()) {
            return new Issuance.NotIssued(ReasonCode.OTHER_SCHEME, otherScheme(ledger, kind));
        }
        if (context.correction() != null) {
            return corrected(ledger, kind, year, context, withView);
        }
        if (!context.trial() && kind != DocumentKind.SAFETY_TAX_STATEMENT
                && !Finality.isFinal(kind, year, context.runDate())) {
            return new Issuance.NotIssued(ReasonCode.NOT_YET_FINAL,
                    Finality.notFinal(kind, year, Finality.dataCutoff(kind, year), context.runDate()));
        }
        LocalDate addressCutoff = AddressRule.cutoff(kind, year, context);
        // A certificate corrected since (追加発行) — one "latest issued document" rule for every channel: a
        // reissue and an e-私書箱 copy state the correction's figures, as of its data date, not the ones the
        // correction replaced.
        Optional<IssuedRegister.Corrected> correction = (context.onDemand() || context.copy()) && isCertificate(kind)
                ? register.latestCorrection(UniqueCode.of(kind, year, ledger.contractNo(), ledger.checkDigits(), 0))
                : Optional.empty();
        Optional<LocalDate> correctedAsOf = correction.map(IssuedRegister.Corrected::dataDate);
        Figures figures;
        try {
            // The figures see the ledger at the document's own cutoffs; only a run's override moves the
            // address cutoff the certificate figures record.
            figures = correctedAsOf.isPresent()
                    ? calculator.corrected(kind, ledger, year, correctedAsOf.get(), addressCutoff)
                    : calculator.calculate(kind, ledger, year, context.onDemand() ? null : addressCutoff);
        } catch (RuntimeException e) {
            // One record the rules cannot cope with must not stop a run: it is reported.
            return new Issuance.NotIssued(ReasonCode.CALCULATION_FAILED,
                    "contract %s: calculation failed: %s".formatted(ledger.contractNo(), e));
        }
        if (figures instanceof HeldFigures held) {
            return new Issuance.Held(held.codes(), held);
        }
        Optional<Issuance.NotIssued> refused = eligibility(ledger, figures, context);
        if (refused.isPresent()) {
            return refused.get();
        }
        Address address = switch (figures) {
            // the copy of a corrected certificate: the address it was printed with
            case CertificateFigures f when context.copy() && correction.isPresent()
                    && correction.get().address() != null -> correction.get().address();
            case CertificateFigures f when !context.onDemand() -> f.address();
            default -> jp.kakekin.calc.AddressCutoff.addressAt(ledger.addresses(), addressCutoff);
        };
        if (address == null) {
            return new Issuance.NotIssued(ReasonCode.NO_ADDRESS, "the ledger has no address to mail to", figures);
        }
        UniqueCode original = UniqueCode.of(kind, year, ledger.contractNo(), ledger.checkDigits(), 0);
        int sequence = 0;
        if (context.copy()) {
            // no new document: the latest issued one's code (a corrected certificate's once corrected), or a
            // later reissue's when asked for
            sequence = Math.max(context.minSequence(), correction.map(c -> c.code().sequence()).orElse(0));
            if (sequence > MAX_SEQUENCE) {
                return new Issuance.NotIssued(ReasonCode.SEQUENCE_EXHAUSTED,
                        original + " has no sequence " + sequence, figures);
            }
        } else if (context.onDemand() && !context.trial() && isCertificate(kind)) {
            OptionalInt last = register.lastSequence(original);
            // Not in the register but past its run: the bulk run printed the original (sequence 00) before
            // the register knew of it, so this copy is a reissue all the same.
            sequence = last.isPresent() ? last.getAsInt() + 1
                    : LatestIssue.issuedByRun(kind, year, context.runDate()) ? 1 : 0;
            sequence = Math.max(sequence, context.minSequence());
            if (sequence > MAX_SEQUENCE) {
                return new Issuance.NotIssued(ReasonCode.SEQUENCE_EXHAUSTED,
                        original + " has been issued " + MAX_SEQUENCE + " times", figures);
            }
        }
        UniqueCode code = UniqueCode.of(kind, year, ledger.contractNo(), ledger.checkDigits(), sequence);
        if (!withView || certificates == null && statements == null) {
            // An Issuer built without views (calculate, e-私書箱 candidates, tests) decides only. A copy carries
            // the address it states in its figures too (the e-私書箱 XML writes the figures' address).
            return new Issuance.Issued(null, code, address, context.copy() && figures instanceof CertificateFigures f
                    ? withAddress(f, address) : figures);
        }
        DocumentView view = switch (figures) {
            case CertificateFigures f when correctedAsOf.isPresent() -> certificates().corrected(withAddress(f, address),
                    ledger, code, context.runDate(), correctedAsOf.get(),
                    !(context.copy() && code.equals(correction.get().code())));
            case CertificateFigures f -> certificates().view(withAddress(f, address), ledger, code, context.runDate());
            case SafetyPaymentStatusFigures f -> statements().paymentStatus(f, ledger, code, context.runDate(),
                    addressCutoff);
            case SafetyTaxFigures f -> statements().taxStatement(f, ledger, code, context.runDate());
            default -> throw new IllegalStateException("no document for " + figures.document());
        };
        return new Issuance.Issued(view, code, address, figures);
    }

    /**
     * A corrections run (追加発行, docs/corrections.md): the certificate of {@code year} as known at the
     * correction's data date, issued when it states what the latest issue could not (a 控除額 where it
     * printed ****) or differs from it; else not issued — {@link ReasonCode#STILL_WITHHELD} while the 控除額
     * is **** at the data date, {@link ReasonCode#UNCHANGED} when nothing it states has changed. A corrected
     * certificate takes the next sequence of the original's code and goes to the address registered on the
     * run date.
     */
    private Issuance corrected(Ledger ledger, DocumentKind kind, int year, IssueContext context, boolean withView) {
        Correction correction = context.correction();
        if (!isCertificate(kind)) {
            throw new IllegalArgumentException("only a certificate is corrected, not " + kind);
        }
        if (!correction.original().equals(UniqueCode.of(kind, year, ledger.contractNo(), ledger.checkDigits(), 0))) {
            throw new IllegalArgumentException("the correction of %s is not for contract %s's %s of %d"
                    .formatted(correction.original(), ledger.contractNo(), kind, year));
        }
        LocalDate cutoff = Finality.dataCutoff(kind, year);
        if (!context.trial() && !Finality.isFinal(cutoff, context.runDate())) {
            return new Issuance.NotIssued(ReasonCode.NOT_YET_FINAL, Finality.notFinal(kind, year, cutoff, context.runDate()));
        }
        Optional<String> badDate = Correction.invalidDataDate(kind, year, correction.dataDate(), context.runDate());
        if (badDate.isPresent() && !context.trial()) {
            return new Issuance.NotIssued(ReasonCode.NOT_YET_FINAL, badDate.get());
        }
        LocalDate addressCutoff = AddressRule.cutoff(kind, year, context);
        Figures figures;
        try {
            figures = calculator.corrected(kind, ledger, year, correction.dataDate(), addressCutoff);
        } catch (RuntimeException e) {
            return new Issuance.NotIssued(ReasonCode.CALCULATION_FAILED,
                    "contract %s: calculation failed: %s".formatted(ledger.contractNo(), e));
        }
        if (figures instanceof HeldFigures held) {
            return new Issuance.Held(held.codes(), held);
        }
        CertificateFigures f = (CertificateFigures) figures;
        if (!f.issued()) {
            return new Issuance.NotIssued(ReasonCode.NOT_ELIGIBLE_THIS_ISSUE,
                    "no longer gets this issue: " + notEligible(ledger, kind, year), f);
        }
        FiguresJson.Printed printed = correction.printed();
        if (f.deduction() == null) {
            String why = new java.util.TreeSet<>(f.withheld()) + " at " + correction.dataDate();
            return new Issuance.NotIssued(ReasonCode.STILL_WITHHELD, printed.deduction() == null
                    ? "%s printed ****; still **** because of %s".formatted(correction.latest(), why)
                    : "%s printed 控除額 %d; at the data date it is **** because of %s: no correction until it can be stated"
                            .formatted(correction.latest(), printed.deduction(), why), f);
        }
        if (!correction.changes(f.monthlyPremium(), f.paid(), f.scheduled(), f.discountPaid(), f.deduction())) {
            return new Issuance.NotIssued(ReasonCode.UNCHANGED,
                    "%s states the same 控除額 %d".formatted(correction.latest(), f.deduction()), f);
        }
        Address address = jp.kakekin.calc.AddressCutoff.addressAt(ledger.addresses(), addressCutoff);
        if (address == null) {
            return new Issuance.NotIssued(ReasonCode.NO_ADDRESS, "the ledger has no address to mail to", f);
        }
        OptionalInt last = register.lastSequence(correction.original());
        int sequence = Math.max(Math.max(last.isPresent() ? last.getAsInt() + 1 : 1,
                correction.latest().sequence() + 1), context.minSequence());
        if (sequence > MAX_SEQUENCE) {
            return new Issuance.NotIssued(ReasonCode.SEQUENCE_EXHAUSTED,
                    correction.original() + " has been issued " + MAX_SEQUENCE + " times", f);
        }
        UniqueCode code = UniqueCode.of(kind, year, ledger.contractNo(), ledger.checkDigits(), sequence);
        CertificateFigures addressed = withAddress(f, address);
        if (!withView || certificates == null) {
            return new Issuance.Issued(null, code, address, addressed);
        }
        DocumentView view = certificates.corrected(addressed, ledger, code, context.runDate(), correction.dataDate(),
                false);
        return new Issuance.Issued(view, code, address, addressed);
    }

    /**
     * The holder's certificate of {@code year} (RULES.md 1.5): the November issue when the contract gets
     * it, else the February issue, else none. Each is decided only once final.
     */
    public Issuance certificateOf(Ledger ledger, int year, IssueContext context) {
        if (ledger.scheme() != Scheme.SHOKIBO) {
            return new Issuance.NotIssued(ReasonCode.OTHER_SCHEME, otherScheme(ledger, DocumentKind.NOVEMBER_CERTIFICATE));
        }
        Issuance november = issue(ledger, DocumentKind.NOVEMBER_CERTIFICATE, year, context);
        if (november instanceof Issuance.NotIssued n && n.reason() == ReasonCode.NOT_ELIGIBLE_THIS_ISSUE) {
            Issuance february = issue(ledger, DocumentKind.FEBRUARY_CERTIFICATE, year, context);
            if (february instanceof Issuance.NotIssued f && f.reason() == ReasonCode.NOT_ELIGIBLE_THIS_ISSUE) {
                return new Issuance.NotIssued(ReasonCode.NOT_ELIGIBLE_THIS_ISSUE,
                        "contract %s got no certificate for %d (RULES.md 1.5)".formatted(ledger.contractNo(), year),
                        f.figures());
            }
            if (february instanceof Issuance.NotIssued f && f.reason() == ReasonCode.NOT_YET_FINAL) {
                return new Issuance.NotIssued(ReasonCode.NOT_YET_FINAL,
                        "contract %s gets no November issue for %d; a February issue is decided after %s"
                                .formatted(ledger.contractNo(), year, Finality.dataCutoff(DocumentKind.FEBRUARY_CERTIFICATE, year)));
            }
            return february;
        }
        return november;
    }

    /**
     * The holder's latest certificate on the context's day ({@link LatestIssue}): what a holder who lost
     * it gets again, what e-私書箱 delivers on demand. If that certificate's 控除額 is ****, it is still
     * the latest.
     */
    public Issuance latest(Ledger ledger, IssueContext context) {
        return latest(ledger, context.runDate(), context);
    }

    /** The certificate that was the holder's latest on {@code asOf}, issued as {@code context} says (e.g. today). */
    public Issuance latest(Ledger ledger, LocalDate asOf, IssueContext context) {
        if (ledger.scheme() != Scheme.SHOKIBO) {
            return new Issuance.NotIssued(ReasonCode.OTHER_SCHEME, otherScheme(ledger, DocumentKind.NOVEMBER_CERTIFICATE));
        }
        for (LatestIssue.Issue i : LatestIssue.issuesAvailable(asOf)) {
            Issuance issuance = issue(ledger, i.kind(), i.year(), context);
            if (!(issuance instanceof Issuance.NotIssued n && n.reason() == ReasonCode.NOT_ELIGIBLE_THIS_ISSUE)) {
                return issuance;
            }
        }
        return new Issuance.NotIssued(ReasonCode.NOT_ELIGIBLE_THIS_ISSUE,
                "no certificate had been issued by " + asOf);
    }

    private Optional<Issuance.NotIssued> eligibility(Ledger ledger, Figures figures, IssueContext context) {
        if (figures instanceof SafetyTaxFigures f) {
            LocalDate end = Finality.periodCutoff(f.periodTo());
            if (!context.trial() && !Finality.isFinal(end, context.runDate())) {
                return Optional.of(new Issuance.NotIssued(ReasonCode.NOT_YET_FINAL,
                        "the 明細書 of contract %s for %s～%s is not final: its period ends %s, not yet passed in Japan (today is %s)"
                                .formatted(ledger.contractNo(), f.periodFrom(), f.periodTo(), end, context.runDate()),
                        f));
            }
        }
        String why = switch (figures) {
            case CertificateFigures f -> f.issued() ? null : notEligible(ledger, f.document(), f.year());
            case SafetyPaymentStatusFigures f -> StatementScope.paymentStatus(f).orElse(null);
            case SafetyTaxFigures f -> StatementScope.taxStatement(f).orElse(null);
            default -> null;
        };
        return why == null ? Optional.empty()
                : Optional.of(new Issuance.NotIssued(ReasonCode.NOT_ELIGIBLE_THIS_ISSUE, why, figures));
    }

    private static String notEligible(Ledger ledger, DocumentKind kind, int y) {
        return switch (kind) {
            case NOVEMBER_CERTIFICATE ->
                    "no PAID payment dated %d-01-01..%d-09-30 and no earlier payment covering a month of %d (RULES.md 1.5)"
                            .formatted(y, y, y);
            case FEBRUARY_CERTIFICATE -> Eligibility.november(ledger, y)
                    ? "gets the November issue of %d (RULES.md 1.5)".formatted(y)
                    : "no PAID payment dated %d-10-01..%d-12-31 (RULES.md 1.5)".formatted(y, y);
            default -> "not issued";
        };
    }

    private static String otherScheme(Ledger ledger, DocumentKind kind) {
        // The text of "contract %s is %s: %s contracts get no %s".formatted(…), concatenated: a SHOKIBO run
        // says it for every SAFETY line (a fifth of the print run's ledger), and a Formatter per line was
        // 1.5 % of the calculate step (issue #14).
        String scheme = String.valueOf(ledger.scheme());
        return "contract " + ledger.contractNo() + " is " + scheme + ": " + scheme + " contracts get no " + name(kind);
    }

    /** The document's name as the holder knows it (reports, refusals). */
    public static String name(DocumentKind kind) {
        return switch (kind) {
            case NOVEMBER_CERTIFICATE, FEBRUARY_CERTIFICATE -> "小規模企業共済掛金控除証明書";
            case SAFETY_TAX_STATEMENT -> "経営セーフティ共済 明細書";
            case SAFETY_PAYMENT_STATUS -> "経営セーフティ共済 掛金納付状況兼領収書";
        };
    }

    public static boolean isCertificate(DocumentKind kind) {
        return kind == DocumentKind.NOVEMBER_CERTIFICATE || kind == DocumentKind.FEBRUARY_CERTIFICATE;
    }

    private CertificateViews certificates() {
        if (certificates == null) {
            throw new IllegalStateException("this Issuer decides only; it has no certificate views");
        }
        return certificates;
    }

    private StatementViews statements() {
        if (statements == null) {
            throw new IllegalStateException("this Issuer decides only; it has no statement views");
        }
        return statements;
    }

    private static CertificateFigures withAddress(CertificateFigures f, Address address) {
        if (Objects.equals(f.address(), address)) {
            return f;
        }
        return new CertificateFigures(f.document(), f.year(), f.contractNo(), f.issued(), f.monthlyPremium(), f.paid(),
                f.scheduled(), f.discountPaid(), f.deduction(), f.withheld(), address, f.dataCutoff(),
                f.addressCutoff());
    }
}
