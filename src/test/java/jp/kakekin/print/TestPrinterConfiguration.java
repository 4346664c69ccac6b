package jp.kakekin.print;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Provides {@link TextPdfPrinter} to test contexts (and test child processes) that have no real renderer. */
@AutoConfiguration
public class TestPrinterConfiguration {

    @Bean
    @ConditionalOnMissingBean(CertificatePrinter.class)
    CertificatePrinter textPdfPrinter() {
        return new TextPdfPrinter();
    }
}
