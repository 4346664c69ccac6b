package jp.kakekin.reissue;

import jp.kakekin.document.DocumentReference;
import jp.kakekin.document.DocumentTokens;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.store.CaseLedgers;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The QR code of a reissued certificate, read back from the PDF, opens the form with the contract number
 * filled in, and its token resolves on the authenticity page to the document's date and unique code —
 * and to nothing personal.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ReissueTestSupport.class)
class QrCodeTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CertificateReissue reissue;
    @Autowired
    DocumentTokens tokens;
    @Autowired
    LedgerImport importer;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void storeTheCases() {
        StoreFixtures.emptyReissueTables(jdbc);
        StoreFixtures.importCases(importer);
    }

    @Test
    void theCertificatesQrCodeLeadsToThePrefilledFormAndTheAuthenticityPage() throws Exception {
        CertificateReissue.Issued issued = (CertificateReissue.Issued) reissue.reissue("1000014", null, 2026,
                "alice", "reissue-api");
        URI qr = URI.create(PdfText.qrCode(issued.pdf()));
        assertThat(qr.getPath()).isEqualTo("/reissue");
        String token = qr.getQuery().substring("t=".length());
        // Opaque: the token does not carry the contract number in the clear.
        assertThat(token).doesNotContain("1000014");

        String form = mvc.perform(get("/reissue").param("t", token)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"1000014-41\"", "/verify?t=" + token);

        String page = mvc.perform(get("/verify").param("t", token)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        UniqueCode code = issued.document().code();
        assertThat(page).contains("この書類は、当機構が発行したものです。", code.value(), "令和9年1月20日",
                "小規模企業共済掛金控除証明書（令和8年分・11月発行）", "再発行された書類です", code.original().value());
        // Nothing personal: not the holder, not the address, not the number outside the code itself.
        assertThat(page).doesNotContain("髙橋", "タカハシ", "福岡", "810-0001", "1000014-41", "1970");
    }

    @Test
    void anOriginalIsNotCalledAReissue() throws Exception {
        String token = tokens.issue(new DocumentReference(
                UniqueCode.of(jp.kakekin.calc.DocumentKind.FEBRUARY_CERTIFICATE, 2026, "1000008", "35", 0),
                LocalDate.of(2027, 2, 2)));
        String page = mvc.perform(get("/verify").param("t", token)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("令和9年2月2日", "（令和8年分・2月発行）").doesNotContain("再発行された書類です");
    }

    @Test
    void anAlteredOrForeignTokenProvesNothingAndFillsNothing() throws Exception {
        String token = tokens.issue(new DocumentReference(
                UniqueCode.of(jp.kakekin.calc.DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 1),
                LocalDate.of(2027, 1, 20)));
        String altered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);
        for (String bad : List.of(altered, "K26N10000144101G", "x")) {
            String page = mvc.perform(get("/verify").param("t", bad)).andExpect(status().isNotFound())
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).contains("確認できませんでした").doesNotContain("K26N");
            String form = mvc.perform(get("/reissue").param("t", bad)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(form).doesNotContain("1000014").doesNotContain("/verify");
        }
        mvc.perform(get("/verify")).andExpect(status().isNotFound());
    }
}
