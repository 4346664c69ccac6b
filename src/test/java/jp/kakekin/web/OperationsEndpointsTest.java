package jp.kakekin.web;

import jp.kakekin.edelivery.SigningCertificateHealth;

import jp.kakekin.edelivery.EDeliveryProperties;
import jp.kakekin.edelivery.SigningKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What an operator watches: health components, build and git info, Prometheus metrics (issue #15). */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:operations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "kakekin.e-delivery.keystore.path=target/operations-test-missing.p12",
        "kakekin.e-delivery.keystore.generate-if-missing=true"})
@AutoConfigureMockMvc
class OperationsEndpointsTest {

    @Autowired
    MockMvc mvc;

    @TempDir
    Path dir;

    @Test
    void healthShowsItsComponentsToOperatorsOnly() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(httpBasic("operator", "operator"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.signingCertificate.status").value("UP"))
                .andExpect(jsonPath("$.components.documentResources.status").value("UP"))
                .andExpect(jsonPath("$.components.documentResources.details.layouts").isNumber())
                .andExpect(jsonPath("$.components.db.status").value("UP"));
    }

    @Test
    void infoHasTheBuildAndPrometheusTheMetricsOfPrintRuns() throws Exception {
        mvc.perform(get("/actuator/info").with(httpBasic("operator", "operator"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.build.version").isString())
                .andExpect(jsonPath("$.build.artifact").value("kakekin"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").with(httpBasic("operator", "operator"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("kakekin_print_certificates_total")))
                .andExpect(content().string(containsString("kakekin_print_active")));
    }

    @Test
    void theSigningCertificateIsDownOnceExpired() {
        Path p12 = dir.resolve("signing.p12");
        SigningKeyStore.load(p12, "password".toCharArray(), "e-delivery", true);
        EDeliveryProperties.Keystore keystore = new EDeliveryProperties.Keystore(p12, "password", "e-delivery", false);

        Health now = SigningCertificateHealth.signingCertificate(keystore, Instant.now());
        assertThat(now.getStatus()).isEqualTo(Status.UP);
        assertThat((Long) now.getDetails().get("daysToExpiry")).isPositive();
        assertThat(now.getDetails()).containsEntry("development", true);

        Health later = SigningCertificateHealth.signingCertificate(keystore, Instant.now().plus(Duration.ofDays(365L * 200)));
        assertThat(later.getStatus()).isEqualTo(Status.DOWN);
        assertThat((Long) later.getDetails().get("daysToExpiry")).isNegative();

        Health wrongPassword = SigningCertificateHealth.signingCertificate(
                new EDeliveryProperties.Keystore(p12, "wrong", "e-delivery", false), Instant.now());
        assertThat(wrongPassword.getStatus()).isEqualTo(Status.DOWN);
        assertThat(SigningCertificateHealth.signingCertificate(
                new EDeliveryProperties.Keystore(dir.resolve("none.p12"), "password", "e-delivery", false), Instant.now())
                .getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void documentResourcesAreDownWithoutFontsOrLayouts() {
        Health empty = OperationsHealth.documentResources(dir.resolve("fonts"), dir.resolve("templates"));
        assertThat(empty.getStatus()).isEqualTo(Status.DOWN);
        assertThat(empty.getDetails()).containsKey("missingFonts").containsKey("error");
        assertThat(OperationsHealth.documentResources(Path.of("fonts"), Path.of("templates")).getStatus())
                .isEqualTo(Status.UP);
    }
}
