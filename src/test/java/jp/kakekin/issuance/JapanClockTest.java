package jp.kakekin.issuance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/** Japan's date whatever the JVM's zone and whatever zone the injected clock carries. */
class JapanClockTest {

    @ParameterizedTest
    @ValueSource(strings = {"Pacific/Pago_Pago", "Pacific/Kiritimati", "UTC", "Asia/Tokyo"})
    void todayIsTheDateInJapanWhateverTheJvmZone(String zone) {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            // 20:30 UTC on Dec 4 is 05:30 on Dec 5 in Japan, 09:30 on Dec 4 in Pago Pago, 10:30 on Dec 5 in Kiritimati.
            Instant evening = Instant.parse("2026-12-04T20:30:00Z");
            JapanClock clock = new JapanClock(Clock.fixed(evening, ZoneId.systemDefault()));
            assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 12, 5));
            assertThat(clock.now().getOffset()).isEqualTo(ZoneOffset.ofHours(9));
            assertThat(JapanClock.dateOf(evening)).isEqualTo(LocalDate.of(2026, 12, 5));
            // 14:59 UTC is still the same day in Japan.
            assertThat(new JapanClock(Clock.fixed(Instant.parse("2026-12-04T14:59:59Z"), ZoneOffset.UTC)).today())
                    .isEqualTo(LocalDate.of(2026, 12, 4));
            assertThat(JapanClock.startOf(LocalDate.of(2026, 12, 5))).isEqualTo(Instant.parse("2026-12-04T15:00:00Z"));
            assertThat(JapanClock.fixed(LocalDate.of(2027, 1, 8)).today()).isEqualTo(LocalDate.of(2027, 1, 8));
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
