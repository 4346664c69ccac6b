package jp.kakekin.reissue;

import jp.kakekin.config.ProductionKeys;
import jp.kakekin.store.CaseLedgers;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import jp.kakekin.store.ReissueRequests;
import jp.kakekin.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Path;


import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole application on the production profile ({@code postgres}) against the machine's PostgreSQL:
 * Flyway migrates through Spring's configuration, the form queues, the reissue registers, and the dev
 * operator of the default profile does not exist here. Its secrets are test ones made like production's
 * (ProductionKeys): the profile refuses the development keys.
 */
@SpringBootTest(properties = {
        "kakekin.operators[0].name=ops",
        // bcrypt of "s3cret-for-tests"
        "kakekin.operators[0].password-hash={bcrypt}$2a$10$SjOh57Hj7hkps7oVK4AMsuCD21mgX1L9EETOETiN.pRxGSoMJFaKK"})
@AutoConfigureMockMvc
@ActiveProfiles("postgres")
@Import(ReissueTestSupport.class)
class PostgresProfileTest {

    private static String schema;

    @TempDir
    static Path keys;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        // The production profile refuses development secrets: test ones of its own (docs/security.md).
        Path keystore = ProductionKeys.keystore(keys);
        for (String p : ProductionKeys.properties(keystore)) {
            int eq = p.indexOf('=');
            registry.add(p.substring(0, eq), () -> p.substring(eq + 1));
        }
        schema = TestDatabases.newPostgresSchema();
        registry.add("spring.datasource.url", () -> TestDatabases.postgresUrl(schema));
        registry.add("spring.datasource.username", () -> TestDatabases.POSTGRES_USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    LedgerImport importer;
    @Autowired
    ReissueRequests requests;
    @Autowired
    IssuedDocuments issued;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theProductionProfileRunsOnPostgres() throws Exception {
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).isEqualTo(schema);
        // every versioned migration of the store is applied, and successfully (not only the first one)
        long migrations = 0;
        // SQL migrations, and Java ones where a statement differs between H2 and PostgreSQL
        for (String dir : new String[]{"src/main/resources/db/migration", "src/main/java/db/migration"}) {
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir))) {
                migrations += files.filter(f -> f.getFileName().toString().startsWith("V")).count();
            }
        }
        assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success")
                .query(String.class).list()).hasSize((int) migrations).contains("1");
        assertThat(StoreFixtures.importLines(importer, "cases.jsonl", String.join("\n", CaseLedgers.lines()))
                .imported()).isEqualTo(CaseLedgers.lines().size());

        mvc.perform(post("/reissue").with(csrf()).param("contractNumber", "1000014-41").param("name", "髙橋 太郎")
                .param("birthDate", "1970-04-01").param("phone", "03-1234-5678")).andExpect(status().isSeeOther());
        assertThat(requests.queued()).singleElement().satisfies(r -> assertThat(r.contractNo()).isEqualTo("1000014"));

        mvc.perform(get("/api/v1/contracts/1000014/certificates/2026").with(httpBasic("operator", "operator")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/contracts/1000014/certificates/2026").with(httpBasic("ops", "s3cret-for-tests")))
                .andExpect(status().isOk());
        assertThat(issued.ofContract("1000014")).singleElement()
                .satisfies(d -> assertThat(d.address().postalCode()).isEqualTo("8100001"));
    }
}
