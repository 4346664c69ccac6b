package jp.kakekin.issuance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The one clock of kakekin: "today", run dates, 証明日, 作成日 and sakuseiDay are the date in Japan,
 * whatever zone the JVM or the machine is set to. The only place that names Asia/Tokyo; every other
 * class asks this one (tests inject a fixed {@link Clock}).
 */
public final class JapanClock {

    /** Japan Standard Time; Japan has no daylight saving time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private final Clock clock;

    /** @param clock the instant source; its own zone is ignored */
    public JapanClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock).withZone(ZONE);
    }

    /** The system's clock, read in Japan. */
    public static JapanClock system() {
        return new JapanClock(Clock.systemUTC());
    }

    /** A clock stopped at the start of {@code day} in Japan (tests, and runs given an explicit date). */
    public static JapanClock fixed(LocalDate day) {
        return new JapanClock(Clock.fixed(day.atStartOfDay(ZONE).toInstant(), ZONE));
    }

    /** Today's date in Japan. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Now, with Japan's offset (+09:00). */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    public Instant instant() {
        return clock.instant();
    }

    /** The date in Japan of an instant. */
    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** The instant Japan's {@code day} begins (00:00 JST). */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    /** A java.time clock in Japan's zone, for APIs that take one. */
    public Clock clock() {
        return clock;
    }
}
