package jp.kakekin.store;

import jp.kakekin.edelivery.LedgerLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wiring of the store: the clock every stored time comes from, and the ledgers other channels look up. */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** Tests replace it to stand on a chosen day. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The e-私書箱 on-demand endpoint finds contracts in the store. */
    @Bean
    LedgerLookup storedLedgers(ContractStore contracts) {
        return contracts::ledger;
    }
}
