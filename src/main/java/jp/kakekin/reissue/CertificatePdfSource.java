package jp.kakekin.reissue;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;

/**
 * Renders one 掛金控除証明書. The reissue channel needs nothing more from the renderer: the figures
 * (with the address to print), the ledger for the holder's block, the unique code (whose sequence makes it
 * a 再発行) and the 証明日. Implemented by {@link RenderedCertificates}.
 */
public interface CertificatePdfSource {

    byte[] certificate(CertificateFigures figures, Ledger ledger, UniqueCode code, LocalDate issuedOn);
}
