package jp.kakekin.reissue;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.render.CertificatePdf;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * The reissue channel's certificates come from the certificate renderer (docs/certificate-pdf.md): the
 * view (和暦, amounts, 再発行 mark and original code, QR token) and the single-document PDF. Both are
 * fetched on first use, so a context that never renders never loads fonts or templates.
 */
@Component
class RenderedCertificates implements CertificatePdfSource {

    private final ObjectProvider<CertificateViews> views;
    private final ObjectProvider<CertificatePdf> pdf;

    RenderedCertificates(ObjectProvider<CertificateViews> views, ObjectProvider<CertificatePdf> pdf) {
        this.views = views;
        this.pdf = pdf;
    }

    @Override
    public byte[] certificate(CertificateFigures figures, Ledger ledger, UniqueCode code, LocalDate issuedOn) {
        return pdf.getObject().render(views.getObject().view(figures, ledger, code, issuedOn));
    }
}
