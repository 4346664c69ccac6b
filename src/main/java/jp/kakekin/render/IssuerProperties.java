package jp.kakekin.render;

import jp.kakekin.document.Issuer;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code kakekin.issuer.*}: the issuer block of the certificates (see {@link Issuer}). */
@ConfigurationProperties("kakekin.issuer")
public record IssuerProperties(String name, String postalCode, String address, String contact) {

    public Issuer issuer() {
        return new Issuer(name != null ? name : "独立行政法人中小企業基盤整備機構", postalCode, address, contact);
    }
}
