package jp.kakekin.edelivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code kakekin.e-delivery.*}: who issues the electronic certificate and where the signing key is.
 * {@code trusted-issuers}: certificates (PEM or DER files) that {@code verify} accepts as signers besides the
 * service's own signing certificate (an earlier key after a rollover, the CA that issues the signing keys).
 * See docs/e-delivery.md.
 */
@ConfigurationProperties("kakekin.e-delivery")
public record EDeliveryProperties(
        @DefaultValue("独立行政法人中小企業基盤整備機構") String issuer,
        @DefaultValue("独立行政法人中小企業基盤整備機構") String sakuseiNm,
        @DefaultValue("kakekin") String softNm,
        @DefaultValue Keystore keystore,
        @DefaultValue List<Path> trustedIssuers) {

    /**
     * @param path              PKCS#12 file holding the signing key and its certificate
     * @param password          its password (store and key)
     * @param alias             the key entry
     * @param generateIfMissing development only: create a self-signed key when the file is missing
     */
    public record Keystore(
            @DefaultValue("./data/e-delivery-dev.p12") Path path,
            @DefaultValue("kakekin-dev-only") String password,
            @DefaultValue("e-delivery") String alias,
            @DefaultValue("false") boolean generateIfMissing) {
    }

    public IssuerSettings issuerSettings() {
        return new IssuerSettings(issuer, sakuseiNm, softNm);
    }
}
