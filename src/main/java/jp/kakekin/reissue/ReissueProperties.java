package jp.kakekin.reissue;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code kakekin.reissue.*} (docs/reissue.md).
 *
 * @param batchDirectory where {@code reissue-run} writes its print batches
 * @param rateLimit      limits of the public form
 * @param workers        partitions (threads) of a batch's letters step (default 1)
 */
@ConfigurationProperties("kakekin.reissue")
public record ReissueProperties(Path batchDirectory, RateLimit rateLimit, Integer workers) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public ReissueProperties {
        workers = workers == null || workers < 1 ? 1 : workers;
        batchDirectory = batchDirectory == null ? Path.of("out", "reissue") : batchDirectory;
        rateLimit = rateLimit == null ? new RateLimit(0, null, 0, null, 0, null, null, 0, null) : rateLimit;
    }

    /**
     * The form's throttles (docs/reissue.md, docs/security.md). Each is a token bucket: a burst of n, then
     * one more every window/n.
     *
     * @param perClient               submissions one client address may make per {@code perClientWindow}
     * @param perClientContract       submissions one client address may make naming one contract number
     *                                per {@code perClientContractWindow}: throttles whoever guesses a
     *                                holder's details, not the holder
     * @param perContract             submissions naming one contract number from all addresses together per
     *                                {@code perContractWindow} (short: a holder is never kept out for long)
     * @param store                   {@code memory} (this instance) or {@code redis} (shared by every instance)
     * @param maxTrackedKeys          memory store: most buckets kept (least recently used dropped first)
     * @param redis                   redis store: where, under which key prefix, and how long to wait for it
     */
    public record RateLimit(int perClient, Duration perClientWindow, int perClientContract,
                            Duration perClientContractWindow, int perContract, Duration perContractWindow,
                            Store store, long maxTrackedKeys, Redis redis) {
        public RateLimit {
            perClient = perClient <= 0 ? 10 : perClient;
            perClientWindow = perClientWindow == null ? Duration.ofMinutes(10) : perClientWindow;
            perClientContract = perClientContract <= 0 ? 3 : perClientContract;
            perClientContractWindow = perClientContractWindow == null ? Duration.ofHours(1) : perClientContractWindow;
            perContract = perContract <= 0 ? 10 : perContract;
            perContractWindow = perContractWindow == null ? Duration.ofMinutes(15) : perContractWindow;
            store = store == null ? Store.MEMORY : store;
            maxTrackedKeys = maxTrackedKeys <= 0 ? 200_000 : maxTrackedKeys;
            redis = redis == null ? new Redis(null, null, null) : redis;
        }
    }

    public ReissueProperties(Path batchDirectory, RateLimit rateLimit) {
        this(batchDirectory, rateLimit, null);
    }

    public enum Store { MEMORY, REDIS }

    /**
     * @param url       {@code redis://host:port} (user and password in the URL when Redis asks for them)
     * @param keyPrefix every key the limits write starts with it
     * @param timeout   how long a POST waits for Redis before falling back to this instance's memory
     */
    public record Redis(String url, String keyPrefix, Duration timeout) {
        public Redis {
            url = url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
            keyPrefix = keyPrefix == null ? "kakekin:rate-limit:" : keyPrefix;
            timeout = timeout == null ? Duration.ofMillis(500) : timeout;
        }
    }
}
