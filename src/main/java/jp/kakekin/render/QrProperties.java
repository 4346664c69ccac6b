package jp.kakekin.render;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kakekin.qr.*}: the link printed as a QR code on every certificate.
 *
 * @param baseUrl where the service's public web form is served; the code opens {@code <baseUrl>/reissue?t=<token>}
 * @param key     the secret the tokens are derived from. Production must set its own (32+ random
 *                characters, e.g. from the environment as KAKEKIN_QR_KEY) and never change it while
 *                printed certificates are in circulation, unless the old one moves to {@code previousKeys}.
 * @param previousKeys keys of earlier years: tokens they issued still verify, new tokens use {@code key}
 *                     (key rotation; each token carries the id of its key)
 */
@ConfigurationProperties("kakekin.qr")
@Validated
public record QrProperties(@Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?", message = "must be an http(s) URL without query")
                           String baseUrl, String key, java.util.List<String> previousKeys) {

    /** The key of application.yml, for development and tests only. */
    public static final String DEVELOPMENT_KEY = "development-only-key-do-not-use-in-production";

    public QrProperties {
        baseUrl = baseUrl != null ? baseUrl : "http://localhost:8080";
        key = key != null ? key : DEVELOPMENT_KEY;
        previousKeys = previousKeys != null ? java.util.List.copyOf(previousKeys) : java.util.List.of();
    }

    public boolean usesDevelopmentKey() {
        return DEVELOPMENT_KEY.equals(key);
    }
}
