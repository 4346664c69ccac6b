package jp.kakekin.config;

import jp.kakekin.calc.Calculator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java domain core into Spring; the core itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

    @Bean
    Calculator calculator(CalculationProperties properties) {
        return new Calculator(properties.toPolicy());
    }
}
