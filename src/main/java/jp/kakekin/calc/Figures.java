package jp.kakekin.calc;

/** What the calculator says about one contract for one document. */
public sealed interface Figures permits CertificateFigures, SafetyTaxFigures, SafetyPaymentStatusFigures,
        HeldFigures {
    DocumentKind document();

    int year();

    String contractNo();
}
