package jp.kakekin.reissue;

import jp.kakekin.calc.DataCutoff;
import jp.kakekin.calc.DocumentKind;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * When each issue's figures are final and when its bulk run mailed it (RULES.md 1.5), in Japan's time:
 * the operator's day, whatever zone the server runs in.
 */
@Component
public class IssueCalendar {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Clock clock;
    private final ReissueProperties properties;

    public IssueCalendar(Clock clock, ReissueProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(JAPAN));
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(JAPAN));
    }

    /** The issue's data cutoff has passed: its figures (and whether it is issued at all) are final. */
    public boolean isFinal(DocumentKind kind, int year, LocalDate day) {
        LocalDate cutoff = kind == DocumentKind.FEBRUARY_CERTIFICATE ? DataCutoff.february(year)
                : DataCutoff.november(year);
        return day.isAfter(cutoff);
    }

    /** The day the bulk run of that issue is mailed. */
    public LocalDate mailedOn(DocumentKind kind, int year) {
        return kind == DocumentKind.FEBRUARY_CERTIFICATE ? properties.februaryMailingDay().atYear(year + 1)
                : properties.novemberMailingDay().atYear(year);
    }

    public boolean isMailed(DocumentKind kind, int year, LocalDate day) {
        return !day.isBefore(mailedOn(kind, year));
    }
}
