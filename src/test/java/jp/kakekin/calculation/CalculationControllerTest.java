package jp.kakekin.calculation;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@WithMockUser(roles = "OPERATOR") // /api/** is operator-only (docs/reissue.md)
class CalculationControllerTest {

    @Autowired
    MockMvc mvc;

    private static String ledgerOf(String caseFile) throws Exception {
        String text = Files.readString(Path.of("src/test/resources/cases", caseFile), StandardCharsets.UTF_8);
        var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
        return node.get("ledger").toString();
    }

    @Test
    void returnsTheFiguresOfACase() throws Exception {
        mvc.perform(post("/api/v1/calculations").param("document", "NOVEMBER_CERTIFICATE").param("year", "2026")
                        .contentType(MediaType.APPLICATION_JSON).content(ledgerOf("S02-annual-december-discount-payout.json")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.issued").value(true))
                .andExpect(jsonPath("$.scheduled").value(840000))
                .andExpect(jsonPath("$.discountPaid").value(8694))
                .andExpect(jsonPath("$.deduction").value(831306));
    }

    @Test
    void withheldDeductionIsNull() throws Exception {
        mvc.perform(post("/api/v1/calculations").param("document", "NOVEMBER_CERTIFICATE").param("year", "2026")
                        .contentType(MediaType.APPLICATION_JSON).content(ledgerOf("S09-september-transfer-failed.json")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deduction").isEmpty())
                .andExpect(jsonPath("$.withheld[0]").value("ARREARS"));
    }

    @Test
    void safetyStatement() throws Exception {
        mvc.perform(post("/api/v1/calculations").param("document", "SAFETY_TAX_STATEMENT").param("year", "2026")
                        .contentType(MediaType.APPLICATION_JSON).content(ledgerOf("T03-individual-december-prepay-24.json")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paid").value(1750000))
                .andExpect(jsonPath("$.deductible").value(600000));
    }

    @Test
    void badBodyGetsProblemDetailsNamingTheFields() throws Exception {
        String bad = ledgerOf("S01-monthly-all-paid.json")
                .replace("\"contractNo\":\"1000001\"", "\"contractNo\":\"12AB\"")
                .replace("\"scheme\":\"SHOKIBO\"", "\"scheme\":\"SHOKIBO\",\"colour\":\"blue\"");
        mvc.perform(post("/api/v1/calculations").param("document", "NOVEMBER_CERTIFICATE").param("year", "2026")
                        .contentType(MediaType.APPLICATION_JSON).content(bad))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[?(@.field == 'contractNo')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'colour')].message").value("unknown field"));
    }

    @Test
    void malformedJsonIsA400Too() throws Exception {
        mvc.perform(post("/api/v1/calculations").param("document", "NOVEMBER_CERTIFICATE").param("year", "2026")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"scheme\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("(json)"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("end-of-input"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("StreamReadFeature")),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("#UNKNOWN")))));
    }

    @Test
    void anUnknownDocumentAndAYearThatIsNotOneAreProblemDetails() throws Exception {
        String body = ledgerOf("S01-monthly-all-paid.json");
        mvc.perform(post("/api/v1/calculations").param("document", "MAY_CERTIFICATE").param("year", "2026")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("document"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("NOVEMBER_CERTIFICATE")))
                .andExpect(jsonPath("$.instance").value("/api/v1/calculations"));
        for (String year : new String[]{"２０２６", "-1", "1999", "20266", "2o26"}) {
            mvc.perform(post("/api/v1/calculations").param("document", "NOVEMBER_CERTIFICATE").param("year", year)
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("year"));
        }
        mvc.perform(post("/api/v1/calculations").param("document", "NOVEMBER_CERTIFICATE")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/calculations").param("document", "NOVEMBER_CERTIFICATE").param("year", "2026")
                        .contentType(MediaType.TEXT_PLAIN).content(body))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/no-such-endpoint"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
