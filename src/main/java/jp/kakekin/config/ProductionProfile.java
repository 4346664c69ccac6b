package jp.kakekin.config;

import jp.kakekin.archive.ArchiveProperties;
import jp.kakekin.edelivery.EDeliveryProperties;
import jp.kakekin.render.QrProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;

import java.util.List;

/**
 * The production profiles — {@code postgres} (the production database, application-postgres.yml) and its
 * aliases {@code production} and {@code prod} — refuse to start with development secrets
 * ({@link ProductionSecrets}). Checked when the context starts, before any command or request runs (not
 * lazily: commands run with lazy initialisation).
 */
@Configuration(proxyBeanMethods = false)
@Profile({"postgres", "production", "prod"})
public class ProductionProfile {

    /** Marks the check as done; other beans may depend on it. */
    public record Checked() {
    }

    @Bean
    @Lazy(false)
    Checked productionSecretsChecked(QrProperties qr, EDeliveryProperties eDelivery, ArchiveProperties archive) {
        List<String> problems = new java.util.ArrayList<>(ProductionSecrets.problems(qr, eDelivery));
        // Where archive copies go (docs/archive.md): an absolute directory set on purpose, or an https bucket.
        problems.addAll(archive.productionProblems());
        if (!problems.isEmpty()) {
            throw new UnsafeProductionConfigurationException(problems);
        }
        return new Checked();
    }

    /** The production profile met a development secret; the message is the one line printed at start-up. */
    public static final class UnsafeProductionConfigurationException extends IllegalStateException {
        public UnsafeProductionConfigurationException(List<String> problems) {
            super("refusing to start on the production profile: " + String.join("; ", problems));
        }
    }
}
