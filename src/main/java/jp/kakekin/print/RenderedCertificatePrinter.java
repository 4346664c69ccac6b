package jp.kakekin.print;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentView;
import jp.kakekin.ledger.Holder;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.render.CertificatePdf;
import jp.kakekin.render.CertificateRenderException;
import jp.kakekin.render.GlyphMissingException;
import jp.kakekin.document.StatementViews;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The print run's renderer: the certificate views of jp.kakekin.document (和暦, amounts, QR token), or
 * the 掛金納付状況兼領収書 views of jp.kakekin.statement, laid out by jp.kakekin.render's
 * {@link CertificatePdf}, many documents to one merged PDF with the fonts subset once per file.
 */
final class RenderedCertificatePrinter implements CertificatePrinter {

    private final CertificateViews views;
    private final StatementViews statements;
    private final CertificatePdf pdf;

    RenderedCertificatePrinter(CertificateViews views, StatementViews statements, CertificatePdf pdf) {
        this.views = views;
        this.statements = statements;
        this.pdf = pdf;
    }

    @Override
    public Optional<Exclusion> check(IssuedCertificate c, LocalDate runDate) {
        try {
            pdf.check(view(c, runDate));
            return Optional.empty();
        } catch (CertificateRenderException | IllegalArgumentException e) {
            return Optional.of(exclusion(c, e));
        }
    }

    @Override
    public PrintedBatch print(List<IssuedCertificate> certificates, LocalDate runDate, OutputStream out) {
        List<DocumentView> batch = new ArrayList<>(certificates.size());
        Map<String, IssuedCertificate> byCode = new HashMap<>();
        List<Exclusion> failed = new ArrayList<>();
        for (IssuedCertificate c : certificates) {
            try {
                batch.add(view(c, runDate));
                byCode.put(c.uniqueCode().value(), c);
            } catch (IllegalArgumentException e) {
                failed.add(exclusion(c, e));
            }
        }
        CertificatePdf.Batch result = pdf.renderBatch(batch, out);
        List<IssuedCertificate> placed = new ArrayList<>(result.placed().size());
        for (CertificatePdf.Placed p : result.placed()) {
            placed.add(byCode.get(p.uniqueCode().value()));
        }
        for (CertificatePdf.Failed f : result.failed()) {
            failed.add(exclusion(byCode.get(f.uniqueCode().value()), f.error()));
        }
        return new PrintedBatch(placed, failed);
    }

    private DocumentView view(IssuedCertificate c, LocalDate runDate) {
        return switch (c.figures()) {
            case CertificateFigures f -> views.view(f, ledgerOf(c), c.uniqueCode(), runDate);
            // The one address the ledger below holds is the one chosen at the run's address cutoff.
            case SafetyPaymentStatusFigures f -> statements.paymentStatus(f, ledgerOf(c), c.uniqueCode(), runDate, null);
            default -> throw new IllegalArgumentException("no print run for " + c.figures().document());
        };
    }

    /**
     * The view reads only the contract number, check digits and holder's name from the ledger; the sort
     * runs carry those, not the whole ledger, so this is the ledger as far as the view is concerned.
     */
    private static Ledger ledgerOf(IssuedCertificate c) {
        return new Ledger(c.figures().document().scheme(), c.contractNo(), c.checkDigits(),
                new Holder(c.holderName(), null, null, null, false, null), List.of(c.address()),
                null, null, null, List.of(), List.of(), List.of(), List.of(), null, null, null, null);
    }

    private static Exclusion exclusion(IssuedCertificate c, RuntimeException e) {
        ExclusionReason reason = e instanceof GlyphMissingException ? ExclusionReason.GLYPH_MISSING : ExclusionReason.RENDER_FAILED;
        return new Exclusion(c.line(), c.contractNo(), c.uniqueCode().value(), reason, e.getMessage());
    }
}
