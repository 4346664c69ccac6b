package jp.kakekin.print;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.report.Exclusion;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.document.Addressee;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.Specimen;
import jp.kakekin.document.DocumentView;
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
            if (c.figures() instanceof CertificateFigures f) {
                // The texts alone: the view (QR token, 和暦) is made when the certificate is printed.
                pdf.check(f.contractNo(), views.textFields(f, addressee(c), c.uniqueCode()));
            } else {
                pdf.check(view(c, runDate));
            }
            return Optional.empty();
        } catch (CertificateRenderException | IllegalArgumentException e) {
            return Optional.of(exclusion(c, e));
        }
    }

    @Override
    public PrintedBatch print(List<IssuedCertificate> certificates, LocalDate runDate, OutputStream out) {
        return print(certificates, runDate, false, out);
    }

    @Override
    public PrintedBatch print(List<IssuedCertificate> certificates, LocalDate runDate, boolean trial,
                              OutputStream out) {
        List<DocumentView> batch = new ArrayList<>(certificates.size());
        Map<String, IssuedCertificate> byCode = new HashMap<>();
        List<Exclusion> failed = new ArrayList<>();
        for (IssuedCertificate c : certificates) {
            try {
                DocumentView view = view(c, runDate);
                batch.add(trial ? new Specimen(view) : view);
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
        return new PrintedBatch(placed, failed, result.counts().fullLayouts());
    }

    private static Addressee addressee(IssuedCertificate c) {
        return new Addressee(c.contractNo(), c.checkDigits(), c.holderName(), c.address());
    }

    private DocumentView view(IssuedCertificate c, LocalDate runDate) {
        Addressee to = addressee(c);
        return switch (c.figures()) {
            case CertificateFigures f -> views.view(f, to, c.uniqueCode(), runDate);
            // The address is the one the issuance core chose at the run's address cutoff.
            case SafetyPaymentStatusFigures f -> statements.paymentStatus(f, to, c.uniqueCode(), runDate);
            default -> throw new IllegalArgumentException("no print run for " + c.figures().document());
        };
    }

    private static Exclusion exclusion(IssuedCertificate c, RuntimeException e) {
        ReasonCode reason = e instanceof GlyphMissingException ? ReasonCode.GLYPH_MISSING : ReasonCode.RENDER_FAILED;
        return new Exclusion(c.line(), c.contractNo(), c.uniqueCode().value(), reason, e.getMessage());
    }
}
