package jp.kakekin.reissue;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.MonthDay;

/**
 * {@code kakekin.reissue.*} (docs/reissue.md).
 *
 * @param novemberMailing day (MM-dd) the November issue of Y is mailed, in Y
 * @param februaryMailing day (MM-dd) the February issue for Y is mailed, in Y+1
 * @param batchDirectory  where {@code reissue-run} writes its print batches
 * @param rateLimit       limits of the public form
 */
@ConfigurationProperties("kakekin.reissue")
public record ReissueProperties(String novemberMailing, String februaryMailing, Path batchDirectory,
                                RateLimit rateLimit) {

    public ReissueProperties {
        novemberMailing = novemberMailing == null ? "11-15" : novemberMailing;
        februaryMailing = februaryMailing == null ? "02-15" : februaryMailing;
        batchDirectory = batchDirectory == null ? Path.of("out", "reissue") : batchDirectory;
        rateLimit = rateLimit == null ? new RateLimit(0, null, 0, null) : rateLimit;
        // Fail at start-up, not in the middle of a reissue, when a day is mistyped.
        MonthDay.parse("--" + novemberMailing);
        MonthDay.parse("--" + februaryMailing);
    }

    public MonthDay novemberMailingDay() {
        return MonthDay.parse("--" + novemberMailing);
    }

    public MonthDay februaryMailingDay() {
        return MonthDay.parse("--" + februaryMailing);
    }

    /**
     * @param perClient         form submissions one client address may make per {@code perClientWindow}
     * @param perContract       submissions naming one contract number per {@code perContractWindow},
     *                          counted whether or not anything matched
     */
    public record RateLimit(int perClient, Duration perClientWindow, int perContract, Duration perContractWindow) {
        public RateLimit {
            perClient = perClient <= 0 ? 10 : perClient;
            perClientWindow = perClientWindow == null ? Duration.ofMinutes(10) : perClientWindow;
            perContract = perContract <= 0 ? 3 : perContract;
            perContractWindow = perContractWindow == null ? Duration.ofHours(24) : perContractWindow;
        }
    }
}
