package jp.kakekin.statement;

import jp.kakekin.document.StatementViews;

import jp.kakekin.calc.Calculator;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.render.CertificatePdf;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Wires the SAFETY documents; lazy like the renderer, so nothing loads fonts until a statement is asked for. */
@Configuration(proxyBeanMethods = false)
class StatementConfiguration {

    @Bean
    @Lazy
    StatementViews statementViews(CertificateViews links, StatementProperties properties) {
        return new StatementViews(links, properties.edition());
    }

    @Bean
    @Lazy
    SafetyStatements safetyStatements(Calculator calculator, StatementViews views, CertificatePdf pdf) {
        return new SafetyStatements(calculator, views, pdf);
    }
}
