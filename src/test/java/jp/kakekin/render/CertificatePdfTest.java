package jp.kakekin.render;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.document.CertificateView;
import jp.kakekin.document.DocumentReference;
import jp.kakekin.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Certificates read back with PDFBox: text, fonts, QR code, metadata, one page each. */
public class CertificatePdfTest {

    private static final Certificates.Case S01 = Certificates.load("S01-monthly-all-paid");
    private static final Certificates.Case S06 = Certificates.load("S06-no-cash-joined-august");

    /** A certificate of a public case (S01 for November, S06 for February) with another holder name. */
    private static CertificateView named(String name, DocumentKind kind, int sequence) {
        Certificates.Case c = kind == DocumentKind.NOVEMBER_CERTIFICATE ? S01 : S06;
        Ledger ledger = Certificates.withName(c.ledger(), name);
        return Certificates.view(ledger, Certificates.figures(c, ledger, kind, Set.of()), sequence);
    }

    @ParameterizedTest
    @ValueSource(strings = {"髙橋 太郎", "山﨑 花子", "德永 德", "𠮷田 一郎", "𠮷野 髙﨑德"})
    void theExtractedTextIsTheNameThatWasPutIn(String name) throws Exception {
        byte[] pdf = Certificates.pdf().render(named(name, DocumentKind.NOVEMBER_CERTIFICATE, 0));
        try (PdfReadBack back = new PdfReadBack(pdf)) {
            String text = back.text();
            // Printed twice: in the window block and in the table.
            assertThat(text.split(name, -1)).hasSize(3);
            assertThat(text).contains("〒100-0013", "東京都千代田区霞が関一丁目3番1号", "1000001-28", "令和8年中に払い込まれた");
        }
    }

    @Test
    void aCharacterOnlyTheFallbackHasIsSetInTheFallbackAndEmbedded() throws Exception {
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(named("𠮷田 一郎", DocumentKind.NOVEMBER_CERTIFICATE, 0)))) {
            assertThat(back.fonts(1)).extracting(PdfReadBack.EmbeddedFont::name)
                    .anyMatch(n -> n.endsWith("+BIZUDGothic-Regular"))
                    .anyMatch(n -> n.endsWith("+IPAmjMincho"));
        }
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(named("髙橋 太郎", DocumentKind.NOVEMBER_CERTIFICATE, 0)))) {
            assertThat(back.fonts(1)).extracting(PdfReadBack.EmbeddedFont::name).noneMatch(n -> n.contains("IPAmj"));
        }
    }

    @Test
    void everyFontIsEmbeddedAsASubset() throws Exception {
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(named("𠮷田 一郎", DocumentKind.FEBRUARY_CERTIFICATE, 0)))) {
            assertThat(back.fonts(1)).isNotEmpty().allSatisfy(f -> {
                assertThat(f.embedded()).as(f.name() + " embedded").isTrue();
                assertThat(f.subset()).as(f.name() + " subset").isTrue();
            });
        }
    }

    @Test
    void theQrCodeOpensTheReissueFormWithATokenThatVerifies() throws Exception {
        CertificateView view = named("髙橋 太郎", DocumentKind.NOVEMBER_CERTIFICATE, 1);
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(view))) {
            String url = back.qrCode(1);
            assertThat(url).isEqualTo(view.qrUrl()).startsWith(Certificates.BASE_URL + "/reissue?t=");
            String token = url.substring(url.indexOf("?t=") + 3);
            assertThat(Certificates.VIEWS.tokens().verify(token))
                    .contains(new DocumentReference(view.uniqueCode(), view.issuedOn()));
        }
    }

    @Test
    void starsAppearExactlyWhenTheDeductionIsWithheld() throws Exception {
        int withheld = 0;
        int stated = 0;
        for (Certificates.Case c : Certificates.cases()) {
            for (DocumentKind kind : new DocumentKind[]{DocumentKind.NOVEMBER_CERTIFICATE, DocumentKind.FEBRUARY_CERTIFICATE}) {
                if (!c.issued(kind)) {
                    continue;
                }
                CertificateView view = Certificates.view(c, kind, 0);
                try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(view))) {
                    String text = back.text();
                    if (view.figures().deduction() == null) {
                        withheld++;
                        assertThat(text).as(c.id()).contains("****").contains("控除額が「****」となっている理由");
                    } else {
                        stated++;
                        assertThat(text).as(c.id()).doesNotContain("****").contains(view.deduction());
                    }
                    assertThat(text).as(c.id()).contains(view.paid(), view.monthlyPremium(), view.discountPaid());
                }
            }
        }
        assertThat(withheld).isPositive();
        assertThat(stated).isPositive();
    }

    @Test
    void theWithheldNoteGivesTheCalculatorsReasons() throws Exception {
        Certificates.Case s12 = Certificates.load("S12-amount-change-pending");
        CertificateFigures f = Certificates.figures(s12, DocumentKind.NOVEMBER_CERTIFICATE,
                Set.of(WhyWithheld.PENDING_CHANGE, WhyWithheld.PREPAYMENT_OVER_ONE_YEAR));
        CertificateView view = Certificates.view(s12.ledger(), f, 0);
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(view))) {
            String text = back.text().replace("\n", "");
            assertThat(text).contains("掛金月額または払込方法の変更").contains("1年を超える期間の掛金の前納")
                    .doesNotContain("未納（口座振替不能）");
        }
    }

    @Test
    void aReissueSaysSoAndNamesTheOriginal() throws Exception {
        CertificateView view = named("髙橋 太郎", DocumentKind.FEBRUARY_CERTIFICATE, 1);
        // The QR caption mentions 再発行 on every certificate; a reissue adds the mark and the original's code.
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(view))) {
            assertThat(back.text().split("再発行", -1)).hasSize(4);
            assertThat(back.text()).contains(view.uniqueCode().value(), "原本のユニークコード " + view.originalUniqueCode().value());
        }
        CertificateView first = named("髙橋 太郎", DocumentKind.FEBRUARY_CERTIFICATE, 0);
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(first))) {
            assertThat(back.text().split("再発行", -1)).hasSize(2);
            assertThat(back.text()).doesNotContain("原本").contains(first.uniqueCode().value());
        }
    }

    @Test
    void carriesTitleProducerAndLanguage() throws Exception {
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(named("髙橋 太郎", DocumentKind.NOVEMBER_CERTIFICATE, 0)))) {
            assertThat(back.title()).isEqualTo("令和8年分 小規模企業共済掛金控除証明書");
            assertThat(back.producer()).startsWith("kakekin");
            assertThat(back.language()).isEqualTo("ja");
            assertThat(back.pages()).isEqualTo(1);
        }
    }

    /** The most a November certificate prints: three reasons for ****, a reissue, two address lines, 外字. */
    public static CertificateView fullest() {
        Certificates.Case c = Certificates.load("S09-september-transfer-failed");
        Ledger ledger = Certificates.withAddress(Certificates.withName(c.ledger(), "𠮷野 髙﨑德太郎"), "0600001",
                "北海道札幌市中央区北一条西二十八丁目1番地1", "札幌北一条ビルディング第二別館1234号室");
        CertificateFigures f = Certificates.figures(c, ledger, DocumentKind.NOVEMBER_CERTIFICATE,
                Set.of(WhyWithheld.ARREARS, WhyWithheld.PENDING_CHANGE, WhyWithheld.PREPAYMENT_OVER_ONE_YEAR));
        return Certificates.view(ledger, f, 3);
    }

    @Test
    void theFullestCertificateStillFitsOnePage() throws Exception {
        CertificateView view = fullest();
        try (PdfReadBack back = new PdfReadBack(Certificates.pdf().render(view))) {
            assertThat(back.pages()).isEqualTo(1);
            String text = back.text();
            assertThat(text).contains("𠮷野 髙﨑德太郎", "札幌北一条ビルディング第二別館1234号室", "****", "再発行",
                    view.originalUniqueCode().value(), "共済相談室 050-5541-7171");
        }
    }

    @Test
    void anAddressTooLongForTheEnvelopeWindowIsReportedNotPrinted() {
        Certificates.Case c = Certificates.load("S01-monthly-all-paid");
        Ledger ledger = Certificates.withAddress(c.ledger(), "1000013", "東京都千代田区霞が関一丁目3番1号".repeat(3),
                "霞が関ビルディング".repeat(4));
        CertificateView view = Certificates.view(ledger, Certificates.figures(c, ledger, DocumentKind.NOVEMBER_CERTIFICATE, Set.of()), 0);
        assertThatThrownBy(() -> Certificates.pdf().render(view)).isInstanceOf(CertificateRenderException.class)
                .hasMessageContaining("contract 1000001").hasMessageContaining("#window");
    }

    @Test
    void theSameCertificateGivesTheSameBytes() {
        CertificateView view = named("𠮷田 一郎", DocumentKind.NOVEMBER_CERTIFICATE, 0);
        assertThat(Certificates.pdf().render(view)).isEqualTo(Certificates.pdf().render(view));
    }

    @Test
    void aCharacterNoFontHasStopsTheDocumentNamingContractFieldAndCodePoint() {
        CertificateView view = named("山田 \uD83D\uDE00", DocumentKind.NOVEMBER_CERTIFICATE, 0);
        assertThatThrownBy(() -> Certificates.pdf().render(view))
                .isInstanceOfSatisfying(GlyphMissingException.class, e -> {
                    assertThat(e.contractNo()).isEqualTo("1000001");
                    assertThat(e.field()).isEqualTo("holder.name");
                    assertThat(e.codePoint()).isEqualTo(0x1F600);
                })
                .hasMessageContaining("contract 1000001").hasMessageContaining("holder.name").hasMessageContaining("U+1F600");
    }

    @Test
    void aMergedBatchHasOnePagePerCertificateAndReportsTheOnesLeftOut() throws Exception {
        List<CertificateView> views = new ArrayList<>();
        for (Certificates.Case c : Certificates.cases()) {
            if (c.issued(DocumentKind.NOVEMBER_CERTIFICATE)) {
                views.add(Certificates.view(c, DocumentKind.NOVEMBER_CERTIFICATE, 0));
            }
        }
        views.add(2, named("山田 \uD83D\uDE00", DocumentKind.NOVEMBER_CERTIFICATE, 0));
        views.add(4, named("𠮷田 一郎", DocumentKind.NOVEMBER_CERTIFICATE, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CertificatePdf.Batch batch = Certificates.pdf().renderBatch(views, out);

        assertThat(batch.failed()).singleElement().satisfies(f -> {
            assertThat(f.error()).isInstanceOf(GlyphMissingException.class);
            assertThat(f.uniqueCode()).isEqualTo(views.get(2).uniqueCode());
        });
        assertThat(batch.pages()).isEqualTo(views.size() - 1);
        try (PdfReadBack back = new PdfReadBack(out.toByteArray())) {
            assertThat(back.pages()).isEqualTo(batch.pages());
            for (CertificatePdf.Placed placed : batch.placed()) {
                assertThat(back.text(placed.page(), placed.page())).as("page " + placed.page())
                        .contains(placed.uniqueCode().value());
            }
            // Fonts are subset once for the whole file, not once per certificate.
            assertThat(back.fonts(1)).hasSize(1);
        }
    }

    @Test
    void batchesRenderedOnSeveralThreadsAtOnceAreTheBytesOfOneRenderedAlone() throws Exception {
        List<CertificateView> views = new ArrayList<>();
        for (Certificates.Case c : Certificates.cases()) {
            if (c.issued(DocumentKind.NOVEMBER_CERTIFICATE)) {
                views.add(Certificates.view(c, DocumentKind.NOVEMBER_CERTIFICATE, 0));
            }
        }
        views.add(named("𠮷田 一郎", DocumentKind.NOVEMBER_CERTIFICATE, 0));
        ByteArrayOutputStream alone = new ByteArrayOutputStream();
        Certificates.pdf().renderBatch(views, alone);

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    Certificates.pdf().renderBatch(views, out);
                    return out.toByteArray();
                }));
                results.add(pool.submit(() -> Certificates.pdf().render(views.getLast())));
            }
            byte[] single = Certificates.pdf().render(views.getLast());
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? alone.toByteArray() : single);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aBatchWithNothingToPrintWritesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CertificatePdf.Batch batch = Certificates.pdf().renderBatch(
                List.of(named("山田 \uD83D\uDE00", DocumentKind.NOVEMBER_CERTIFICATE, 0)), out);
        assertThat(batch.pages()).isZero();
        assertThat(batch.failed()).hasSize(1);
        assertThat(out.size()).isZero();
    }
}
