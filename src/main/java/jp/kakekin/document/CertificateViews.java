package jp.kakekin.document;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the view of one issued certificate from the calculator's figures and the ledger: 和暦, amounts
 * with separators, the holder's block and the QR link. Stateless and thread-safe.
 */
public final class CertificateViews {

    /** Path of the web reissue form under the configured base URL; the token goes in {@code t}. */
    public static final String REISSUE_PATH = "/reissue";

    private final Issuer issuer;
    private final DocumentTokens tokens;
    private final String baseUrl;

    /** @param baseUrl where the service's web form lives ({@code kakekin.qr.base-url}), e.g. https://kakekin.example.jp */
    public CertificateViews(Issuer issuer, DocumentTokens tokens, String baseUrl) {
        this.issuer = Objects.requireNonNull(issuer);
        this.tokens = Objects.requireNonNull(tokens);
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "kakekin.qr.base-url"));
    }

    public DocumentTokens tokens() {
        return tokens;
    }

    /** The issuer block every document prints ({@code kakekin.issuer.*}). */
    public Issuer issuer() {
        return issuer;
    }

    /** The URL the QR code of an issued document opens. */
    public String reissueUrl(DocumentReference reference) {
        return baseUrl + REISSUE_PATH + "?t=" + tokens.issue(reference);
    }

    /**
     * @param code     the unique code of this issue; its sequence says whether it is a reissue
     * @param issuedOn 証明日
     * @throws IllegalArgumentException when the figures are not an issued certificate of this ledger
     */
    public CertificateView view(CertificateFigures figures, Ledger ledger, UniqueCode code, LocalDate issuedOn) {
        return view(figures, Addressee.of(ledger, figures.address()), code, issuedOn);
    }

    /**
     * The same from the addressee alone (what a print run carries from its calculate step to its print step).
     *
     * @throws IllegalArgumentException when the figures are not an issued certificate of this addressee
     */
    public CertificateView view(CertificateFigures figures, Addressee to, UniqueCode code, LocalDate issuedOn) {
        Address address = mailable(figures, to, code);
        return new CertificateView(
                figures,
                code,
                issuedOn,
                Wareki.year(figures.year()),
                Wareki.date(issuedOn),
                to.contractNo() + "-" + to.checkDigits(),
                postalCode(address.postalCode()),
                nullToEmpty(address.line1()),
                nullToEmpty(address.line2()),
                to.name(),
                Yen.format(figures.monthlyPremium()),
                Yen.format(figures.paid()),
                Yen.format(figures.scheduled()),
                Yen.format(figures.discountPaid()),
                figures.deduction() == null ? Yen.WITHHELD : Yen.format(figures.deduction()),
                reissueUrl(new DocumentReference(code, issuedOn)),
                issuer);
    }

    /**
     * The texts the glyph check reads — {@code view(figures, to, code, issuedOn).textFields()} — without
     * making the rest of the view: a print run checks every certificate before sorting it and makes the
     * view again when it prints, and the QR token and 和暦 dates were most of the first one's cost.
     *
     * @throws IllegalArgumentException as {@link #view(CertificateFigures, Addressee, UniqueCode, LocalDate)}
     */
    public Map<String, String> textFields(CertificateFigures figures, Addressee to, UniqueCode code) {
        mailable(figures, to, code);
        return HolderBlock.of(to).textFields(issuer);
    }

    /** The checks of a certificate view: issued figures, one contract, an address to mail to. */
    private static Address mailable(CertificateFigures figures, Addressee to, UniqueCode code) {
        if (!figures.issued()) {
            throw new IllegalArgumentException("contract %s gets no %s for %d".formatted(figures.contractNo(),
                    figures.document(), figures.year()));
        }
        if (!figures.contractNo().equals(to.contractNo()) || !code.contractNo().equals(to.contractNo())) {
            throw new IllegalArgumentException("figures %s, unique code %s and ledger %s are not the same contract"
                    .formatted(figures.contractNo(), code, to.contractNo()));
        }
        Address address = to.address();
        if (address == null) {
            throw new IllegalArgumentException("contract %s has no address to mail to".formatted(figures.contractNo()));
        }
        return address;
    }

    /**
     * A corrected certificate (追加発行, docs/corrections.md): the same view, marked 訂正 with the original's
     * code and the data date its figures are as of.
     *
     * @param reissue a copy of the corrected certificate issued again on request: marked 再発行 instead
     */
    public CertificateView corrected(CertificateFigures figures, Ledger ledger, UniqueCode code, LocalDate issuedOn,
                                     LocalDate dataDate, boolean reissue) {
        CertificateView v = view(figures, ledger, code, issuedOn);
        int year = figures.year();
        int paidThrough = dataDate.getYear() > year ? 12 : dataDate.getMonthValue();
        LocalDate asOf = dataDate.getYear() > year ? LocalDate.of(year, 12, 31) : dataDate;
        return v.withCorrection(new CertificateView.CorrectionMark(code.original(), Wareki.date(asOf), paidThrough,
                reissue));
    }

    /** 〒100-0013 from the ledger's 7 digits; empty when there are none. */
    public static String postalCode(String digits) {
        if (digits == null || digits.isEmpty()) {
            return "";
        }
        return digits.length() == 7 ? "〒" + digits.substring(0, 3) + "-" + digits.substring(3) : "〒" + digits;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
