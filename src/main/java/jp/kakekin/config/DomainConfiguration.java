package jp.kakekin.config;

import jp.kakekin.calc.Calculator;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.StatementViews;
import jp.kakekin.issuance.IssuedRegister;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.JapanClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import java.time.Clock;

/** Wires the plain-Java domain core into Spring; the core itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

    @Bean
    Calculator calculator(CalculationProperties properties) {
        return new Calculator(properties.toPolicy());
    }

    /** Japan's date for every channel, read from the application's {@link Clock} (tests replace that one). */
    @Bean
    JapanClock japanClock(ObjectProvider<Clock> clock) {
        return new JapanClock(clock.getIfAvailable(Clock::systemUTC));
    }

    /** The issuance core; lazy like the views it builds. */
    @Bean
    @Lazy
    Issuer issuer(Calculator calculator, CertificateViews certificates, StatementViews statements,
                  ObjectProvider<IssuedRegister> register) {
        return new Issuer(calculator, certificates, statements, register.getIfAvailable(() -> IssuedRegister.EMPTY));
    }
}
