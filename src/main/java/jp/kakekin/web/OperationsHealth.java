package jp.kakekin.web;

import jp.kakekin.edelivery.EDeliveryProperties;
import jp.kakekin.edelivery.SigningKeyStore;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.render.FontLibrary;
import jp.kakekin.render.RenderProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Health components an operator of kakekin needs beyond Boot's (database, and the broker when one is
 * used): the e-私書箱 signing certificate with its days to expiry (DOWN once expired or unreadable), and
 * the fonts and layouts every printed document needs. Details are shown to operators only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OperationsHealth {

    /** Below this many days the certificate is still UP but says it must be renewed. */
    static final long RENEW_WITHIN_DAYS = 30;

    @Bean
    HealthIndicator signingCertificate(EDeliveryProperties properties, JapanClock clock) {
        return () -> signingCertificate(properties.keystore(), clock.instant());
    }

    static Health signingCertificate(EDeliveryProperties.Keystore keystore, Instant now) {
        Path path = keystore.path();
        if (!Files.exists(path)) {
            return keystore.generateIfMissing()
                    ? Health.up().withDetail("keystore", path.toString())
                    .withDetail("note", "development: a self-signed key is generated on first use").build()
                    : Health.down().withDetail("keystore", path.toString())
                    .withDetail("error", "keystore does not exist (kakekin.e-delivery.keystore.path)").build();
        }
        X509Certificate certificate;
        try {
            certificate = SigningKeyStore.certificate(path, keystore.password().toCharArray(), keystore.alias());
        } catch (RuntimeException e) {
            return Health.down().withDetail("keystore", path.toString()).withDetail("error", e.getMessage()).build();
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        long days = Duration.between(now, notAfter).toDays();
        Health.Builder health = now.isAfter(notAfter) ? Health.down() : Health.up();
        health.withDetail("keystore", path.toString())
                .withDetail("subject", certificate.getSubjectX500Principal().getName())
                .withDetail("notAfter", notAfter.toString())
                .withDetail("daysToExpiry", days)
                .withDetail("development", SigningKeyStore.isDevelopmentCertificate(certificate));
        if (now.isAfter(notAfter)) {
            health.withDetail("error", "the signing certificate has expired: e-私書箱 deliveries cannot be signed");
        } else if (days < RENEW_WITHIN_DAYS) {
            health.withDetail("warning", "renew the signing certificate: it expires in " + days + " days");
        }
        return health.build();
    }

    @Bean
    HealthIndicator documentResources(RenderProperties render) {
        return () -> documentResources(render.fontsPath(), render.templatesPath());
    }

    static Health documentResources(Path fonts, Path templates) {
        List<String> missingFonts = FontLibrary.FILES.stream().filter(f -> !Files.isRegularFile(fonts.resolve(f))).toList();
        long layouts;
        try (Stream<Path> files = Files.isDirectory(templates) ? Files.list(templates) : Stream.empty()) {
            layouts = files.filter(p -> p.getFileName().toString().endsWith(".html")).count();
        } catch (IOException e) {
            layouts = 0;
        }
        Health.Builder health = missingFonts.isEmpty() && layouts > 0 ? Health.up() : Health.down();
        health.withDetail("fonts", fonts.toAbsolutePath().toString())
                .withDetail("templates", templates.toAbsolutePath().toString())
                .withDetail("layouts", layouts);
        if (!missingFonts.isEmpty()) {
            health.withDetail("missingFonts", missingFonts);
        }
        if (layouts == 0) {
            health.withDetail("error", "no layouts (*.html) in " + templates.toAbsolutePath() + " (kakekin.render.templates-dir)");
        }
        return health.build();
    }
}
