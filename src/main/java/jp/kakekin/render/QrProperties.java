package jp.kakekin.render;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kakekin.qr.*}: the link printed as a QR code on every certificate.
 *
 * @param baseUrl where the service's public web form is served; the code opens {@code <baseUrl>/reissue?t=<token>}
 * @param key     the secret the tokens are derived from. Production must set its own (32+ random
 *                characters, e.g. from the environment as KAKEKIN_QR_KEY) and never change it while
 *                printed certificates are in circulation: a new key invalidates every printed code.
 */
@ConfigurationProperties("kakekin.qr")
public record QrProperties(String baseUrl, String key) {

    /** The key of application.yml, for development and tests only. */
    public static final String DEVELOPMENT_KEY = "development-only-key-do-not-use-in-production";

    public QrProperties {
        baseUrl = baseUrl != null ? baseUrl : "http://localhost:8080";
        key = key != null ? key : DEVELOPMENT_KEY;
    }

    public boolean usesDevelopmentKey() {
        return DEVELOPMENT_KEY.equals(key);
    }
}
