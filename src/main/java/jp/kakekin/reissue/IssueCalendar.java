package jp.kakekin.reissue;

import jp.kakekin.calc.DataCutoff;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.edelivery.LatestCertificate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * When each issue's figures are final and when its bulk run has issued it (RULES.md 1.5), in Japan's
 * time: the operator's day, whatever zone the server runs in.
 */
@Component
public class IssueCalendar {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Clock clock;

    public IssueCalendar(Clock clock) {
        this.clock = clock;
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

    /**
     * The bulk run of that issue has issued it by {@code day}: the same days as e-私書箱's "latest
     * certificate" (1 November of Y, 1 February of Y+1), so paper and electronic agree.
     */
    public boolean isIssuedByRun(DocumentKind kind, int year, LocalDate day) {
        return !day.isBefore(new LatestCertificate.Issue(kind, year).availableFrom());
    }
}
