package jp.kakekin.reissue;

import jp.kakekin.document.DocumentView;
import jp.kakekin.render.CertificatePdf;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The reissue channel's certificates come from the certificate renderer (docs/certificate-pdf.md), fetched
 * on first use, so a context that never renders never loads fonts or templates.
 */
@Component
class RenderedCertificates implements CertificatePdfSource {

    private final ObjectProvider<CertificatePdf> pdf;

    RenderedCertificates(ObjectProvider<CertificatePdf> pdf) {
        this.pdf = pdf;
    }

    @Override
    public byte[] render(DocumentView view) {
        return pdf.getObject().render(view);
    }
}
