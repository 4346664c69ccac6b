package jp.kakekin.statement;

import jp.kakekin.reissue.MutableClock;
import jp.kakekin.reissue.ReissueTestSupport;
import jp.kakekin.render.PdfReadBack;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The statements endpoint on the real contract store and the real operator login: the SAFETY cases
 * imported through the import, then asked for with HTTP Basic, as a tax accountant's operator would.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ReissueTestSupport.class)
class StatementsFromTheStoreTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    LedgerImport importer;
    @Autowired
    MutableClock clock;

    @Test
    void aStoredContractsStatementIsDatedTheDayInJapan() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        String lines = Stream.concat(Stream.of(SafetyCases.TAX_CASES), Stream.of(SafetyCases.PAYMENT_STATUS_CASES))
                .map(id -> json.writeValueAsString(json.readTree(java.nio.file.Path.of(id.startsWith("T")
                        ? "src/test/resources/cases" : "src/test/resources/cases-own", id + ".json").toFile()).get("ledger")))
                .collect(Collectors.joining("\n"));
        StoreFixtures.importLines(importer, "safety.jsonl", lines);
        // 2027-01-20 08:30 in Japan is still the 19th in UTC: the 明細書 says the 20th.
        clock.setJapan(LocalDateTime.of(2027, 1, 20, 8, 30));
        assertThat(clock.instant().atZone(ZoneId.of("UTC")).getDayOfMonth()).isEqualTo(19);

        MvcResult r = mvc.perform(get("/api/v1/contracts/2000003-57/statements/2026").param("form", "individual")
                        .with(httpBasic("operator", "operator")))
                .andExpect(status().isOk()).andReturn();
        try (PdfReadBack back = new PdfReadBack(r.getResponse().getContentAsByteArray())) {
            String text = back.text();
            assertThat(SafetyStatementsTest.amountsOnLine(text, "中小企業倒産防止共済事業"))
                    .containsExactly(1_750_000L, 600_000L);
            assertThat(text.replaceAll("\\s+", "")).contains("令和9年1月20日に作成しました");
        }
        // The corporation's 事業年度 ending March 2027 has not ended on 2027-01-20: not final, 409.
        mvc.perform(get("/api/v1/contracts/2000004/statements/2027").param("form", "corporate")
                .with(httpBasic("operator", "operator"))).andExpect(status().isConflict());
        clock.setJapan(LocalDateTime.of(2027, 4, 1, 0, 5));
        mvc.perform(get("/api/v1/contracts/2000004/statements/2027").param("form", "corporate")
                .with(httpBasic("operator", "operator"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/contracts/3000004/statements/2026").param("form", "payment-status")
                .with(httpBasic("operator", "operator"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/contracts/3000004/statements/2026").param("form", "payment-status")
                .with(httpBasic("operator", "wrong"))).andExpect(status().isUnauthorized());
    }
}
