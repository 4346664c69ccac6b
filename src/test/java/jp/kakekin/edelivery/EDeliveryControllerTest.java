package jp.kakekin.edelivery;

import jp.kakekin.store.LedgerLookup;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The operator endpoint, with a stand-in for the contract store. */
@SpringBootTest
@AutoConfigureMockMvc
@WithMockUser(roles = "OPERATOR") // /api/** is operator-only (docs/reissue.md)
class EDeliveryControllerTest {

    private static Path keys;

    @DynamicPropertySource
    static void keystore(DynamicPropertyRegistry r) throws Exception {
        Path dir = keys = Files.createTempDirectory("kakekin-web-keys");
        dir.toFile().deleteOnExit();
        dir.resolve("dev.p12").toFile().deleteOnExit();
        r.add("kakekin.e-delivery.keystore.path", () -> dir.resolve("dev.p12").toString());
    }

    @TestConfiguration
    static class Store {
        @Bean
        @Primary // over the real contract store's lookup
        LedgerLookup ledgerLookup() {
            Map<String, Ledger> byNo = new java.util.HashMap<>();
            for (String line : GeneratedRun.november(0).lines) {
                if (LedgerReader.parseOne("store", line) instanceof LedgerRecord.Valid v) {
                    byNo.putIfAbsent(v.ledger().contractNo(), v.ledger());
                }
            }
            return no -> Optional.ofNullable(byNo.get(no));
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void returnsTheSignedXmlOfTheNamedCertificate() throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/e-delivery/1000001")
                        .param("issue", "NOVEMBER_CERTIFICATE").param("year", "2026"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/xml")))
                .andExpect(header().string("X-Kakekin-Unique-Code", "K26N10000012800Y"))
                .andReturn();
        byte[] xml = r.getResponse().getContentAsByteArray();
        Teg850Verification v = new Teg850Verifier(java.util.List.of(SigningKeyStore.certificate(keys.resolve("dev.p12"),
                "kakekin-dev-only".toCharArray(), "e-delivery"))).verify("response", xml);
        assertThat(v.failures()).isEmpty();
        assertThat(v.certificate().deduction()).isEqualTo(360_000);
        assertThat(r.getResponse().getHeader("X-Content-SHA256")).isEqualTo(EDeliveryExporter.sha256(xml));
    }

    @Test
    void aWithheldDeductionIsRefusedWithItsReason() throws Exception {
        mvc.perform(post("/api/v1/e-delivery/1000009").param("issue", "NOVEMBER_CERTIFICATE").param("year", "2026"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.reason").value("DEDUCTION_WITHHELD"))
                .andExpect(jsonPath("$.uniqueCode").exists());
    }

    @Test
    void unknownAndMalformedContracts() throws Exception {
        mvc.perform(post("/api/v1/e-delivery/7654321")).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/e-delivery/12345")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/e-delivery/1000001").param("year", "2026")).andExpect(status().isBadRequest());
    }
}
