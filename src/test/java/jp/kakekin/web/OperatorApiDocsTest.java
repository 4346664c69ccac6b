package jp.kakekin.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The OpenAPI description lists every operator endpoint with its problems, and only operators see it. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:apidocs;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
@AutoConfigureMockMvc
class OperatorApiDocsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JsonMapper json;

    @Test
    void everyOperatorEndpointIsDescribedWithProblemDetails() throws Exception {
        String body = mvc.perform(get("/v3/api-docs").with(httpBasic("operator", "operator")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode doc = json.readTree(body);

        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/v1/"))
                .forEach(p -> info.getMethodsCondition().getMethods().stream().map(RequestMethod::name)
                        .forEach(m -> mapped.add(m.toLowerCase() + " " + p))));
        Set<String> described = new TreeSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> described.add(op.getKey() + " " + path.getKey())));
        assertThat(mapped).as("operator endpoints").isNotEmpty();
        assertThat(described).isEqualTo(mapped);

        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode responses = op.getValue().get("responses");
            assertThat(responses.has("400") && responses.has("401")).as(op.getKey() + " " + path.getKey()).isTrue();
            responses.properties().stream().filter(r -> r.getKey().matches("[45]\\d\\d")).forEach(r ->
                    assertThat(r.getValue().at("/content/application~1problem+json/schema/$ref").asString())
                            .as(op.getKey() + " " + path.getKey() + " " + r.getKey())
                            .isEqualTo("#/components/schemas/Problem"));
        }));
        assertThat(doc.at("/components/securitySchemes/operator/scheme").asString()).isEqualTo("basic");
    }

    @Test
    void theDescriptionAndSwaggerUiAreForOperatorsOnly() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isUnauthorized());
        mvc.perform(get("/swagger-ui/index.html").with(httpBasic("operator", "operator"))).andExpect(status().isOk());
    }
}
