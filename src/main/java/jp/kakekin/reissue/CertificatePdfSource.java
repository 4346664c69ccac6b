package jp.kakekin.reissue;

import jp.kakekin.document.DocumentView;

/**
 * Renders one 掛金控除証明書 that the issuance core issued (its view carries the figures, the address to
 * print, the unique code whose sequence makes it a 再発行, and the 証明日). Implemented by
 * {@link RenderedCertificates}.
 */
public interface CertificatePdfSource {

    /** The PDF of a document the issuance core issued. */
    byte[] render(DocumentView view);
}
