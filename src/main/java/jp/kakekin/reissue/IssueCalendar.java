package jp.kakekin.reissue;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.issuance.Finality;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.issuance.LatestIssue;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * When each issue's figures are final and when its bulk run has issued it (RULES.md 1.5), in Japan's
 * time: the operator's day, whatever zone the server runs in.
 */
@Component
public class IssueCalendar {

    private final JapanClock clock;

    public IssueCalendar(JapanClock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return clock.today();
    }

    public OffsetDateTime now() {
        return clock.now();
    }

    /** The issue's data cutoff has passed: its figures (and whether it is issued at all) are final. */
    public boolean isFinal(DocumentKind kind, int year, LocalDate day) {
        return Finality.isFinal(kind, year, day);
    }

    /**
     * The bulk run of that issue has issued it by {@code day}: the same days as e-私書箱's "latest
     * certificate" (1 November of Y, 1 February of Y+1), so paper and electronic agree.
     */
    public boolean isIssuedByRun(DocumentKind kind, int year, LocalDate day) {
        return LatestIssue.issuedByRun(kind, year, day);
    }
}
