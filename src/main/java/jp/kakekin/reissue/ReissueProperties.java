package jp.kakekin.reissue;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code kakekin.reissue.*} (docs/reissue.md).
 *
 * @param batchDirectory where {@code reissue-run} writes its print batches
 * @param rateLimit      limits of the public form
 */
@ConfigurationProperties("kakekin.reissue")
public record ReissueProperties(Path batchDirectory, RateLimit rateLimit) {

    public ReissueProperties {
        batchDirectory = batchDirectory == null ? Path.of("out", "reissue") : batchDirectory;
        rateLimit = rateLimit == null ? new RateLimit(0, null, 0, null) : rateLimit;
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
