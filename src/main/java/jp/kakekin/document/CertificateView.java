package jp.kakekin.document;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.barcode.CustomerBarcode;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one 小規模企業共済掛金控除証明書 prints, already formatted: the template only places it.
 * Built by {@link CertificateViews}; templates read the accessors by name ({@code ${cert.paid}}).
 *
 * @param figures         the calculator's figures the amounts come from
 * @param uniqueCode      the code of this issue (sequence 00 for the first issue, 01.. for reissues)
 * @param issuedOn        証明日 (the print run's date, or the day of the reissue)
 * @param eraYear         the year in 和暦, e.g. 令和8年 ({@link #yearLabel()} is 証明年分)
 * @param issuedOnLabel   証明日 in 和暦, e.g. 令和8年11月20日
 * @param contractNumber  共済契約者番号 with its check digits, e.g. 1000001-28
 * @param postalCode      〒100-0013
 * @param deduction       控除額 formatted, or {@code ****} when the calculator withheld it
 * @param qrUrl           the web reissue form, with this document's token
 * @param correction      for a corrected certificate (追加発行) what it corrects; null for every other
 */
public record CertificateView(
        CertificateFigures figures,
        UniqueCode uniqueCode,
        LocalDate issuedOn,
        String eraYear,
        String issuedOnLabel,
        String contractNumber,
        String postalCode,
        String addressLine1,
        String addressLine2,
        String holderName,
        String monthlyPremium,
        String paid,
        String scheduled,
        String discountPaid,
        String deduction,
        String qrUrl,
        Issuer issuer,
        CorrectionMark correction) implements DocumentView {

    public CertificateView {
        Objects.requireNonNull(figures);
        Objects.requireNonNull(uniqueCode);
    }

    public CertificateView(CertificateFigures figures, UniqueCode uniqueCode, LocalDate issuedOn, String eraYear,
                           String issuedOnLabel, String contractNumber, String postalCode, String addressLine1,
                           String addressLine2, String holderName, String monthlyPremium, String paid,
                           String scheduled, String discountPaid, String deduction, String qrUrl, Issuer issuer) {
        this(figures, uniqueCode, issuedOn, eraYear, issuedOnLabel, contractNumber, postalCode, addressLine1,
                addressLine2, holderName, monthlyPremium, paid, scheduled, discountPaid, deduction, qrUrl, issuer, null);
    }

    /**
     * What a corrected certificate prints besides its figures (docs/corrections.md).
     *
     * @param original         the code of the certificate it corrects (its first issue)
     * @param asOfLabel        the data date in 和暦, e.g. 令和8年11月30日
     * @param paidThroughMonth お払込み済額 covers January to this month; 予定額 the months after it
     * @param reissued         a copy of the corrected certificate issued again on request (marked 再発行)
     */
    public record CorrectionMark(UniqueCode original, String asOfLabel, int paidThroughMonth, boolean reissued) {
        public CorrectionMark {
            Objects.requireNonNull(original);
        }
    }

    /** The same certificate, marked as a correction. */
    public CertificateView withCorrection(CorrectionMark mark) {
        return new CertificateView(figures, uniqueCode, issuedOn, eraYear, issuedOnLabel, contractNumber, postalCode,
                addressLine1, addressLine2, holderName, monthlyPremium, paid, scheduled, discountPaid, deduction, qrUrl,
                issuer, mark);
    }

    /**
     * Figures as of a correction's data date (訂正・追加発行, or a reissue of one): the period labels and the
     * note say so.
     */
    public boolean corrected() {
        return correction != null;
    }

    /** The 訂正（追加発行） mark: the corrected certificate itself (a reissue of it is marked 再発行). */
    public boolean correctionMark() {
        return correction != null && !correction.reissued();
    }

    /** お払込み済額's months on a corrected certificate, e.g. （1月～11月）. */
    public String paidPeriod() {
        return correction == null ? "" : "（1月～" + correction.paidThroughMonth() + "月）";
    }

    /** お払込み予定額's months on a corrected certificate, e.g. （12月）, or （なし） once the year is over. */
    public String scheduledPeriod() {
        if (correction == null) {
            return "";
        }
        int from = correction.paidThroughMonth() + 1;
        return from > 12 ? "（なし）" : from == 12 ? "（12月）" : "（" + from + "月～12月）";
    }


    /** {@code november-certificate.html} or {@code february-certificate.html}. */
    @Override
    public String layout() {
        return layout(figures.document());
    }

    /** The certificate layouts read the view as {@code cert}. */
    @Override
    public String layoutVariable() {
        return "cert";
    }

    /** The layout file of a certificate. */
    public static String layout(DocumentKind kind) {
        return switch (kind) {
            case NOVEMBER_CERTIFICATE -> "november-certificate.html";
            case FEBRUARY_CERTIFICATE -> "february-certificate.html";
            case SAFETY_TAX_STATEMENT, SAFETY_PAYMENT_STATUS -> throw new IllegalArgumentException("not a certificate: " + kind);
        };
    }

    /** 証明年分, e.g. 令和8年分. */
    public String yearLabel() {
        return eraYear + "分";
    }

    /**
     * A reissue is any issue after the first; its unique code says so (sequence 01 and up). A corrected
     * certificate also has a later sequence but is marked as a correction instead.
     */
    public boolean reissue() {
        return uniqueCode.sequence() > 0 && (correction == null || correction.reissued());
    }

    /** The code of the first issue, which a reissue refers to (the same code for a first issue). */
    public UniqueCode originalUniqueCode() {
        return uniqueCode.original();
    }

    public boolean deductionWithheld() {
        return figures.deduction() == null;
    }

    public boolean withheldForArrears() {
        return figures.withheld().contains(WhyWithheld.ARREARS);
    }

    public boolean withheldForPendingChange() {
        return figures.withheld().contains(WhyWithheld.PENDING_CHANGE);
    }

    public boolean withheldForPrepaymentOverOneYear() {
        return figures.withheld().contains(WhyWithheld.PREPAYMENT_OVER_ONE_YEAR);
    }

    /** Whether there is a 前納減額金 payout to print (the row is printed either way; templates may choose). */
    public boolean hasDiscountPaid() {
        return figures.discountPaid() != 0;
    }

    /**
     * The カスタマバーコード under the address in the envelope window, or null when none is printed (a
     * 代表番号, no postal code).
     */
    public CustomerBarcode customerBarcode() {
        return CustomerBarcode.forAddress(postalCode, addressLine1, addressLine2).orElse(null);
    }

    @Override
    public Map<String, String> textFields() {
        return DocumentView.holderAndIssuerTexts(holderName, postalCode, addressLine1, addressLine2, contractNumber,
                issuer);
    }
}
