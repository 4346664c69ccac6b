package jp.kakekin.reissue;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.document.Yen;
import jp.kakekin.edelivery.EDeliveryExporter;
import jp.kakekin.edelivery.EDeliveryService;
import jp.kakekin.edelivery.SigningKeyStore;
import jp.kakekin.edelivery.Teg850Certificate;
import jp.kakekin.edelivery.Teg850Schema;
import jp.kakekin.edelivery.Teg850Signer;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Verifiable figures (docs/verify.md): the QR code's page shows the amounts the certificate printed, and
 * the public XML page says "signed by the issuer, figures: …" for a genuine TEG850 and exactly what is
 * wrong for an altered one, one signed by someone else, or a file that is no TEG850 at all.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ReissueTestSupport.class)
class VerifyFiguresTest {

    @DynamicPropertySource
    static void keystore(DynamicPropertyRegistry r) throws Exception {
        Path dir = Files.createTempDirectory("kakekin-verify-keys");
        dir.toFile().deleteOnExit();
        r.add("kakekin.e-delivery.keystore.path", () -> dir.resolve("dev.p12").toString());
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    CertificateReissue reissue;
    @Autowired
    LedgerImport importer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EDeliveryService eDelivery;

    @BeforeEach
    void storeTheCases() {
        StoreFixtures.emptyReissueTables(jdbc);
        StoreFixtures.importCases(importer);
    }

    @Test
    void theQrCodesPageShowsThePrintedFiguresAndNothingPersonal() throws Exception {
        CertificateReissue.Issued issued = (CertificateReissue.Issued) reissue.reissue("1000014", null, 2026,
                "alice", "reissue-api");
        String token = URI.create(PdfText.qrCode(issued.pdf())).getQuery().substring("t=".length());
        JsonNode printed = JsonMapper.builder().build().readTree(issued.document().figuresJson());

        String page = mvc.perform(get("/verify").param("t", token)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("証明書に印刷した金額",
                "id=\"monthly-premium\">" + Yen.format(printed.get("monthlyPremium").asLong()),
                "id=\"paid\">" + Yen.format(printed.get("paid").asLong()),
                "id=\"scheduled\">" + Yen.format(printed.get("scheduled").asLong()),
                "id=\"discount-paid\">" + Yen.format(printed.get("discountPaid").asLong()),
                "id=\"deduction\">" + (printed.get("deduction").isNull() ? Yen.WITHHELD
                        : Yen.format(printed.get("deduction").asLong())));
        // The PDF printed the same amount the page shows.
        String deduction = printed.get("deduction").isNull() ? Yen.WITHHELD : Yen.group(printed.get("deduction").asLong());
        assertThat(PdfText.of(issued.pdf())).contains(deduction);
        assertThat(page).doesNotContain("髙橋", "タカハシ", "福岡", "810-0001", "1000014-41");
    }

    @Test
    void aGenuineXmlShowsItsFigures() throws Exception {
        byte[] xml = eDelivery.exporter().sign(certificate(), LocalDate.of(2027, 1, 20));
        String page = upload(xml, 200);
        assertThat(page).contains("当機構の電子署名を確認しました", "id=\"deduction\">360,000円",
                "id=\"monthly-premium\">30,000円", "270,000円", "90,000円", "令和8年分",
                UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0).value());
        assertThat(page).doesNotContain("髙橋", "霞が関");
    }

    @Test
    void anAlteredDeductionIsCaughtByTheDigest() throws Exception {
        String xml = new String(eDelivery.exporter().sign(certificate(), LocalDate.of(2027, 1, 20)), StandardCharsets.UTF_8);
        assertThat(xml).contains(">360000<");
        String page = upload(xml.replace(">360000<", ">460000<").getBytes(StandardCharsets.UTF_8), 422);
        assertThat(page).contains("確認できませんでした", "署名の後に書き換えられていないか", "does not match")
                .doesNotContain("当機構の電子署名を確認しました");
    }

    @Test
    void anXmlSignedBySomeoneElseIsNotTheIssuers() throws Exception {
        Path dir = Files.createTempDirectory("kakekin-other-key");
        var other = SigningKeyStore.load(dir.resolve("other.p12"), "other-only".toCharArray(), "e-delivery", true);
        byte[] xml = new EDeliveryExporter(new Teg850Signer(other), Teg850Schema.load(), eDelivery.exporter().issuer())
                .sign(certificate(), LocalDate.of(2027, 1, 20));
        String page = upload(xml, 422);
        assertThat(page).contains("発行者（当機構）の署名か", "not a trusted issuer")
                .doesNotContain("当機構の電子署名を確認しました");
    }

    @Test
    void notXmlEmptyAndTooLargeGetALine() throws Exception {
        assertThat(upload("hello".getBytes(StandardCharsets.UTF_8), 422)).contains("XMLとして読めるか");
        assertThat(mvc.perform(multipart("/verify/xml").with(csrf())).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString()).contains("ファイルが選択されていません");
        assertThat(upload(new byte[100 * 1024], 413)).contains("ファイルが大きすぎます");
        assertThat(mvc.perform(get("/verify/xml")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("enctype=\"multipart/form-data\"");
    }

    private String upload(byte[] xml, int expectedStatus) throws Exception {
        return mvc.perform(multipart("/verify/xml").file(new MockMultipartFile("xml", "TEG850.xml", "application/xml", xml))
                        .with(csrf()))
                .andExpect(status().is(expectedStatus))
                .andReturn().getResponse().getContentAsString();
    }

    private static Teg850Certificate certificate() {
        return new Teg850Certificate(2026, "髙橋 太郎", "東京都千代田区霞が関一丁目3番1号", "100000128", 2026, 9, 270_000L,
                10, 12, 90_000L, 360_000L, 0L, LocalDate.of(2018, 4, 2), 30_000L, "月払い", "毎月",
                LocalDate.of(2026, 11, 10), "独立行政法人中小企業基盤整備機構",
                UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0).value());
    }
}
