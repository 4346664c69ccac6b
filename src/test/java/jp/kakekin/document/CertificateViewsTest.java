package jp.kakekin.document;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.ApplicationMethod;
import jp.kakekin.ledger.Holder;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.Scheme;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateViewsTest {

    private static final DocumentTokens TOKENS = new DocumentTokens("test-key-0123456789abcdef");
    private static final Issuer ISSUER = new Issuer("独立行政法人中小企業基盤整備機構", "105-8453", "東京都港区", "共済相談室");
    private static final CertificateViews VIEWS = new CertificateViews(ISSUER, TOKENS, "https://kakekin.example.jp/");
    private static final Address ADDRESS = new Address(LocalDate.of(2018, 4, 2), "5300001", "大阪府大阪市北区梅田一丁目1番1号", "梅田ビル12階");
    private static final Ledger LEDGER = new Ledger(Scheme.SHOKIBO, "1000001", "28",
            new Holder("髙橋 太郎", "タカハシ タロウ", LocalDate.of(1970, 4, 1), "0312345678", false, null),
            List.of(ADDRESS), LocalDate.of(2018, 4, 2), YearMonth.of(2018, 4), ApplicationMethod.CASH, List.of(), List.of(),
            List.of(), List.of(), null, null, null, null);

    private static CertificateFigures figures(Long deduction, Set<WhyWithheld> withheld) {
        return new CertificateFigures(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", true, 70_000, 0, 840_000,
                8_694, deduction, withheld, ADDRESS, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 9));
    }

    @Test
    void formatsEverythingTheLayoutPrints() {
        UniqueCode code = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0);
        CertificateView v = VIEWS.view(figures(831_306L, Set.of()), LEDGER, code, LocalDate.of(2026, 11, 20));

        assertThat(v.yearLabel()).isEqualTo("令和8年分");
        assertThat(v.eraYear()).isEqualTo("令和8年");
        assertThat(v.issuedOnLabel()).isEqualTo("令和8年11月20日");
        assertThat(v.contractNumber()).isEqualTo("1000001-28");
        assertThat(v.postalCode()).isEqualTo("〒530-0001");
        assertThat(v.addressLine1()).isEqualTo("大阪府大阪市北区梅田一丁目1番1号");
        assertThat(v.addressLine2()).isEqualTo("梅田ビル12階");
        assertThat(v.holderName()).isEqualTo("髙橋 太郎");
        assertThat(v.monthlyPremium()).isEqualTo("70,000円");
        assertThat(v.paid()).isEqualTo("0円");
        assertThat(v.scheduled()).isEqualTo("840,000円");
        assertThat(v.discountPaid()).isEqualTo("8,694円");
        assertThat(v.deduction()).isEqualTo("831,306円");
        assertThat(v.deductionWithheld()).isFalse();
        assertThat(v.reissue()).isFalse();
        assertThat(v.originalUniqueCode()).isEqualTo(code);
        assertThat(v.qrUrl()).startsWith("https://kakekin.example.jp/reissue?t=");
        String token = v.qrUrl().substring(v.qrUrl().indexOf("?t=") + 3);
        assertThat(TOKENS.verify(token)).contains(new DocumentReference(code, LocalDate.of(2026, 11, 20)));
    }

    @Test
    void printsStarsAndTheReasonsWhenTheDeductionIsWithheld() {
        UniqueCode code = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0);
        CertificateView v = VIEWS.view(figures(null, Set.of(WhyWithheld.ARREARS, WhyWithheld.PENDING_CHANGE)), LEDGER,
                code, LocalDate.of(2026, 11, 20));
        assertThat(v.deduction()).isEqualTo("****");
        assertThat(v.deductionWithheld()).isTrue();
        assertThat(v.withheldForArrears()).isTrue();
        assertThat(v.withheldForPendingChange()).isTrue();
        assertThat(v.withheldForPrepaymentOverOneYear()).isFalse();
    }

    @Test
    void aReissueIsKnownByItsSequenceAndRefersToTheOriginal() {
        UniqueCode reissue = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 2);
        CertificateView v = VIEWS.view(figures(831_306L, Set.of()), LEDGER, reissue, LocalDate.of(2027, 1, 15));
        assertThat(v.reissue()).isTrue();
        assertThat(v.uniqueCode()).isEqualTo(reissue);
        assertThat(v.originalUniqueCode()).isEqualTo(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0));
        assertThat(v.issuedOnLabel()).isEqualTo("令和9年1月15日");
    }

    @Test
    void refusesFiguresThatAreNotAnIssuedCertificateOfThisLedger() {
        UniqueCode code = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0);
        CertificateFigures notIssued = CertificateFigures.notIssued(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001",
                LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 9));
        assertThatThrownBy(() -> VIEWS.view(notIssued, LEDGER, code, LocalDate.of(2026, 11, 20)))
                .hasMessageContaining("gets no NOVEMBER_CERTIFICATE");
        UniqueCode other = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000002", "28", 0);
        assertThatThrownBy(() -> VIEWS.view(figures(1L, Set.of()), LEDGER, other, LocalDate.of(2026, 11, 20)))
                .hasMessageContaining("not the same contract");
    }

    @Test
    void theTextsTheGlyphCheckReadsAreTheViewsOwn() {
        UniqueCode code = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0);
        Address noSecondLine = new Address(LocalDate.of(2018, 4, 2), "0600001", "北海道札幌市中央区北一条西二丁目𠮷1番", null);
        for (Address address : List.of(ADDRESS, noSecondLine)) {
            Addressee to = new Addressee("1000001", "28", "髙橋 太郎", address);
            CertificateFigures f = figures(831_306L, Set.of());
            assertThat(VIEWS.textFields(f, to, code))
                    .isEqualTo(VIEWS.view(f, to, code, LocalDate.of(2026, 11, 20)).textFields())
                    .containsEntry("address.line1", address.line1());
        }
        Addressee nowhere = new Addressee("1000001", "28", "髙橋 太郎", null);
        assertThatThrownBy(() -> VIEWS.textFields(figures(1L, Set.of()), nowhere, code))
                .hasMessageContaining("no address to mail to");
    }
}
