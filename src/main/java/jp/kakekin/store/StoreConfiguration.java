package jp.kakekin.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wiring of the store: the clock every stored time comes from, and the ledgers other channels look up. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /**
     * Tests replace it to stand on a chosen day; {@code kakekin.clock.fixed} (an ISO instant with offset,
     * e.g. 2027-02-10T09:00+09:00) stops it there for a rehearsal or a command-line test.
     */
    @Bean
    Clock clock(@Value("${kakekin.clock.fixed:}") String fixed) {
        return fixed.isBlank() ? Clock.systemUTC()
                : Clock.fixed(java.time.OffsetDateTime.parse(fixed).toInstant(), java.time.ZoneOffset.UTC);
    }

    /** The e-私書箱 on-demand endpoint finds contracts in the store. */
    @Bean
    LedgerLookup storedLedgers(ContractStore contracts) {
        return contracts::ledger;
    }
}
