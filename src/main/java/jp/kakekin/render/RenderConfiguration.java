package jp.kakekin.render;

import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Wires the certificate views and the PDF renderer from {@code kakekin.render.*}, {@code kakekin.qr.*}
 * and {@code kakekin.issuer.*}. Lazy: fonts and templates are touched only when a certificate is
 * first rendered, so commands and endpoints that never render pay nothing.
 */
@Configuration(proxyBeanMethods = false)
public class RenderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RenderConfiguration.class);

    @Bean
    @Lazy
    DocumentTokens documentTokens(QrProperties qr) {
        if (qr.usesDevelopmentKey()) {
            log.warn("kakekin.qr.key is the development key: QR tokens are not secret. Set kakekin.qr.key in production.");
        }
        return new DocumentTokens(qr.key(), qr.previousKeys());
    }

    @Bean
    @Lazy
    CertificateViews certificateViews(IssuerProperties issuer, DocumentTokens tokens, QrProperties qr) {
        return new CertificateViews(issuer.issuer(), tokens, qr.baseUrl());
    }

    @Bean
    @Lazy
    FontLibrary fontLibrary(RenderProperties properties) {
        return FontLibrary.open(properties.fontsPath());
    }

    @Bean
    @Lazy
    CertificateTemplates certificateTemplates(RenderProperties properties) {
        return new CertificateTemplates(properties.templatesPath(), properties.templateCacheTtl().toMillis());
    }

    @Bean
    @Lazy
    CertificatePdf certificatePdf(FontLibrary fonts, CertificateTemplates templates) {
        return new CertificatePdf(fonts, templates);
    }
}
