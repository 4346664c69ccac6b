package jp.kakekin.statement;

import jp.kakekin.document.FormEdition;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.store.LedgerLookup;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerFixture;
import jp.kakekin.render.PdfReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operator endpoint with a stand-in for the contract store: the five shared SAFETY cases and our
 * payment-status cases through {@code GET /api/v1/contracts/{no}/statements/{year}}, read back with PDFBox.
 */
@SpringBootTest(properties = {"kakekin.render.template-cache-ttl=-1"})
@AutoConfigureMockMvc
@WithMockUser(roles = "OPERATOR") // /api/** is operator-only (docs/reissue.md)
class StatementControllerTest {

    static final List<String> TAX_CASES = List.of(SafetyCases.TAX_CASES);
    static final List<String> PAYMENT_STATUS_CASES = List.of(SafetyCases.PAYMENT_STATUS_CASES);

    @TestConfiguration
    static class Store {
        @Bean
        @Primary // over the real contract store's lookup
        LedgerLookup ledgerLookup() {
            Map<String, Ledger> byNo = new HashMap<>();
            Stream.concat(TAX_CASES.stream(), PAYMENT_STATUS_CASES.stream()).map(SafetyCases::load)
                    .forEach(c -> byNo.put(c.ledger().contractNo(), c.ledger()));
            Ledger shokibo = LedgerFixture.shokibo("2020-01-10", "CASH", 10_000).build();
            byNo.put(shokibo.contractNo(), shokibo);
            return no -> Optional.ofNullable(byNo.get(no));
        }

        /** 2032-01-20 in Japan: every period the tests ask for has ended, so their statements are final. */
        @Bean
        @Primary
        java.time.Clock afterThePeriods() {
            return java.time.Clock.fixed(java.time.Instant.parse("2032-01-19T20:00:00Z"), java.time.ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    StatementProperties properties;

    private final Calculator calculator = new Calculator();

    private static String url(Ledger ledger, int year) {
        return "/api/v1/contracts/" + ledger.contractNo() + "/statements/" + year;
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TAX_CASES")
    void theStatementOfEverySharedCasePrintsItsFigures(String id) throws Exception {
        SafetyCases.Case c = SafetyCases.load(id);
        StatementForm form = StatementForm.taxStatementOf(c.ledger().holder());
        MvcResult r = mvc.perform(get(url(c.ledger(), c.year())).param("form", form.parameter()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(header().string("Content-Disposition", containsString(".pdf")))
                .andReturn();
        String code = r.getResponse().getHeader("X-Kakekin-Unique-Code");
        assertThat(code).startsWith("K%02dS%s".formatted(c.year() % 100, c.ledger().contractNo()));
        SafetyTaxFigures f = (SafetyTaxFigures) calculator.calculate(DocumentKind.SAFETY_TAX_STATEMENT, c.ledger(), c.year());
        assertThat(f.paid()).isEqualTo(c.expected().get("SAFETY_TAX_STATEMENT").get("paid").asLong());
        assertThat(f.deductible()).isEqualTo(c.expected().get("SAFETY_TAX_STATEMENT").get("deductible").asLong());
        try (PdfReadBack back = new PdfReadBack(r.getResponse().getContentAsByteArray())) {
            String text = back.text();
            if (form == StatementForm.INDIVIDUAL) {
                assertThat(SafetyStatementsTest.amountsOnLine(text, "中小企業倒産防止共済事業"))
                        .containsExactly(f.paid(), f.deductible());
            } else {
                assertThat(SafetyStatementsTest.amountsOnLine(text, "当期に支出した負担金等の額")).containsExactly(f.paid());
                assertThat(SafetyStatementsTest.amountsOnLine(text, "同上のうち損金の額に算入した金額"))
                        .containsExactly(f.deductible());
                assertThat(SafetyStatementsTest.amountsOnLine(text, "第66条の11")).containsExactly(f.deductible());
            }
            assertThat(text).contains("ユニークコード " + code);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("PAYMENT_STATUS_CASES")
    void thePaymentStatusOfOurCasesIsServed(String id) throws Exception {
        SafetyCases.Case c = SafetyCases.load(id);
        MvcResult r = mvc.perform(get(url(c.ledger(), c.year())).param("form", "payment-status"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andReturn();
        try (PdfReadBack back = new PdfReadBack(r.getResponse().getContentAsByteArray())) {
            assertThat(SafetyStatementsTest.amountsOnLine(back.text(), "掛金払込累計額"))
                    .containsExactly(c.expected().get("SAFETY_PAYMENT_STATUS").get("totalPaid").asLong());
        }
    }

    @Test
    void theQrCodeOfAStatementLeadsToTheAuthenticityPageWhichNamesTheDocument() throws Exception {
        SafetyCases.Case c = SafetyCases.load("P01-failed-transfer-november");
        MvcResult r = mvc.perform(get(url(c.ledger(), 2026)).param("form", "payment-status")).andReturn();
        String qr;
        try (PdfReadBack back = new PdfReadBack(r.getResponse().getContentAsByteArray())) {
            qr = back.qrCode(1);
        }
        String token = qr.substring(qr.indexOf("?t=") + 3);
        mvc.perform(get("/verify").param("t", token))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("経営セーフティ共済 掛金納付状況兼領収書（令和8年分）")))
                .andExpect(content().string(containsString(r.getResponse().getHeader("X-Kakekin-Unique-Code"))));
    }

    @Test
    @WithAnonymousUser
    void theEndpointIsForOperatorsOnly() throws Exception {
        Ledger l = SafetyCases.load("T01-individual-monthly").ledger();
        mvc.perform(get(url(l, 2026)).param("form", "individual")).andExpect(status().isUnauthorized());
    }

    @Test
    void theContractNumberMayCarryItsCheckDigitsWhichMustMatch() throws Exception {
        Ledger l = SafetyCases.load("T01-individual-monthly").ledger();
        mvc.perform(get("/api/v1/contracts/" + l.contractNo() + "-" + l.checkDigits() + "/statements/2026")
                .param("form", "individual")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/contracts/" + l.contractNo() + "00/statements/2026").param("form", "individual"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theWrongFormForTheHolderIsABadRequest() throws Exception {
        Ledger corporate = SafetyCases.load("T04-corporate-march-year-end").ledger();
        mvc.perform(get(url(corporate, 2027)).param("form", "individual"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Wrong form for the holder"))
                .andExpect(jsonPath("$.detail").value(containsString("form=corporate")));
        Ledger individual = SafetyCases.load("T01-individual-monthly").ledger();
        mvc.perform(get(url(individual, 2026)).param("form", "corporate"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("form=individual")));
    }

    @Test
    void aYearWithNothingToStateIsNotFoundAndSaysSo() throws Exception {
        Ledger l = SafetyCases.load("T01-individual-monthly").ledger();
        mvc.perform(get(url(l, 2031)).param("form", "individual"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Nothing to state"))
                .andExpect(jsonPath("$.detail").value(containsString("paid no premium")));
    }

    @Test
    void badRequestsAndUnknownContracts() throws Exception {
        Ledger l = SafetyCases.load("T01-individual-monthly").ledger();
        mvc.perform(get(url(l, 2026))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("individual, corporate, payment-status")));
        mvc.perform(get(url(l, 2026)).param("form", "receipt")).andExpect(status().isBadRequest());
        mvc.perform(get(url(l, 1999)).param("form", "individual")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/contracts/12345/statements/2026").param("form", "individual"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/contracts/9999999/statements/2026").param("form", "individual"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Unknown contract"));
        mvc.perform(get("/api/v1/contracts/1234567/statements/2026").param("form", "payment-status"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("SHOKIBO")));
    }

    @Test
    void applicationYmlStatesTheDocumentedDefaults() {
        // "00374" must stay a string: unquoted YAML would make it the number 374.
        assertThat(properties.edition()).isEqualTo(new FormEdition("別表十(六)", "00374"));
        assertThat(properties.applicationCode()).isEqualTo("00374");
    }

    /** A 明細書 of a period that has not ended in Japan is refused like a certificate that is not final. */
    @Test
    void aPeriodThatHasNotEndedIsRefusedWithConflict() throws Exception {
        Ledger individual = SafetyCases.load("T01-individual-monthly").ledger();
        // 2032-01-20 in Japan (20:00 UTC on the 19th): the calendar year 2032 has not ended.
        MvcResult r = mvc.perform(get(url(individual, 2032)).param("form", "individual")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(r.getResponse().getContentType()).contains("application/problem+json");
        assertThat(r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("Not yet final").contains("2032-12-31").contains("2032-01-20");
        Ledger corporate = SafetyCases.load("T04-corporate-march-year-end").ledger();
        // Its 事業年度 ending March 2032 has not ended either; the one ending March 2027 has.
        mvc.perform(get(url(corporate, 2032)).param("form", "corporate")).andExpect(status().isConflict());
        mvc.perform(get(url(corporate, 2027)).param("form", "corporate")).andExpect(status().isOk());
        mvc.perform(get(url(individual, 2032)).param("form", "payment-status")).andExpect(status().isConflict());
    }
}
