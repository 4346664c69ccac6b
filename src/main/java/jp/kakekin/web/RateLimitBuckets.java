package jp.kakekin.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Token buckets by key (Bucket4j) for the throttles of the public form and the operator login
 * (docs/security.md). A {@link Limit} of n per window lets a burst of n through, then gives a token back
 * every window/n. In memory the buckets live in a Caffeine cache bounded to {@code maxKeys} entries, each
 * dropped once its bucket would be full again (so memory follows recent traffic, and a POST costs the
 * same at 70,000 tracked keys as at 7); with Redis they are shared by every instance and expire there the
 * same way. Should Redis fail, the limits fall back to this instance's memory rather than letting
 * everything through or refusing everyone.
 *
 * <p>Time is the injected clock's, so tests move it by hand.
 */
public final class RateLimitBuckets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);
    /** Kept a little after the bucket is full again, then forgotten. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    /**
     * At most {@code capacity} attempts at once per key, refilled evenly over {@code window}.
     *
     * @param name tells limits apart in the key space (a changed capacity or window starts fresh buckets)
     */
    public record Limit(String name, long capacity, Duration window) {
        public Limit {
            if (capacity < 1 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs a capacity ≥ 1 and a positive window: " + name);
            }
        }

        BucketConfiguration configuration() {
            return BucketConfiguration.builder()
                    .addLimit(BandwidthBuilder.builder().capacity(capacity).refillGreedy(capacity, window).build())
                    .build();
        }

        String key(String key) {
            return name + ':' + capacity + '/' + window.toSeconds() + ':' + key;
        }
    }

    private final ProxyManager<String> buckets;
    private final String keyPrefix;
    private final RateLimitBuckets fallback;
    private final AutoCloseable resource;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    private RateLimitBuckets(ProxyManager<String> buckets, String keyPrefix, RateLimitBuckets fallback,
                             AutoCloseable resource) {
        this.buckets = buckets;
        this.keyPrefix = keyPrefix;
        this.fallback = fallback;
        this.resource = resource;
    }

    /** Buckets of this instance, at most {@code maxKeys} of them (the least recently used go first). */
    public static RateLimitBuckets inMemory(long maxKeys, Clock clock) {
        ProxyManager<String> buckets = Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(maxKeys))
                .clientClock(time(clock))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .build();
        return new RateLimitBuckets(buckets, "", null, null);
    }

    /**
     * Buckets shared through Redis under {@code keyPrefix}, expiring there; {@code fallback} serves while
     * Redis cannot be reached. {@code resource} (the connection) is closed with this.
     */
    public static RateLimitBuckets redis(StatefulRedisConnection<String, byte[]> connection, String keyPrefix,
                                         Clock clock, Duration timeout, RateLimitBuckets fallback,
                                         AutoCloseable resource) {
        ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(time(clock))
                .requestTimeout(timeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .build();
        return new RateLimitBuckets(buckets, keyPrefix, fallback, resource);
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 when taken, else the seconds until one is back (at least 1)
     */
    public long tryConsume(Limit limit, String key) {
        return apply(limit, key, RateLimitBuckets::consume, b -> b.tryConsume(limit, key));
    }

    /** @return 0 when a token is there (none is taken), else the seconds until one is back */
    public long secondsUntilAvailable(Limit limit, String key) {
        return apply(limit, key, RateLimitBuckets::estimate, b -> b.secondsUntilAvailable(limit, key));
    }

    private interface Operation {
        long run(io.github.bucket4j.Bucket bucket);
    }

    private long apply(Limit limit, String key, Operation operation, Function<RateLimitBuckets, Long> onFallback) {
        if (fallback == null) {
            return operation.run(buckets.builder().build(keyPrefix + limit.key(key), limit::configuration));
        }
        try {
            return operation.run(buckets.builder().build(keyPrefix + limit.key(key), limit::configuration));
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
                log.warn("rate limits: Redis failed ({}); limiting with this instance's memory until it answers again",
                        e.toString());
            }
            return onFallback.apply(fallback);
        }
    }

    private static long consume(io.github.bucket4j.Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    private static long estimate(io.github.bucket4j.Bucket bucket) {
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** The injected clock as Bucket4j's time source. */
    private static TimeMeter time(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public void close() throws Exception {
        if (resource != null) {
            resource.close();
        }
    }
}
