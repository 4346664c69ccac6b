package jp.kakekin.edelivery;

import jp.kakekin.issuance.JapanClock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * The e-私書箱 signing certificate as a health component (operators only see the details): its days to
 * expiry, DOWN once expired or unreadable. Here, beside the key store it reads, not in web/.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SigningCertificateHealth {

    /** Below this many days the certificate is still UP but says it must be renewed. */
    public static final long RENEW_WITHIN_DAYS = 30;

    @Bean
    HealthIndicator signingCertificate(EDeliveryProperties properties, JapanClock clock) {
        return () -> signingCertificate(properties.keystore(), clock.instant());
    }

    public static Health signingCertificate(EDeliveryProperties.Keystore keystore, Instant now) {
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

}
