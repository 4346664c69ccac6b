package jp.kakekin.reissue;

import jp.kakekin.issuance.JapanClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.LocalDateTime;
import java.time.ZoneId;

/** A hand-moved clock for the reissue tests, starting in tax season: 2027-01-20 10:00 in Japan. */
@TestConfiguration(proxyBeanMethods = false)
public class ReissueTestSupport {

    public static final LocalDateTime TAX_SEASON = LocalDateTime.of(2027, 1, 20, 10, 0);

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(TAX_SEASON.atZone(JapanClock.ZONE).toInstant());
    }
}
