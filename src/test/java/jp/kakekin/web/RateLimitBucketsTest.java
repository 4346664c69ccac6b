package jp.kakekin.web;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import jp.kakekin.reissue.MutableClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The buckets behind the form's and the login's throttles. */
class RateLimitBucketsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2027-01-20T01:00:00Z"));
    final RateLimitBuckets.Limit fivePerMinute = new RateLimitBuckets.Limit("test", 5, Duration.ofMinutes(1));

    @Test
    void aBurstThenOneTokenPerWindowOverCapacityWithAnHonestWait() {
        RateLimitBuckets buckets = RateLimitBuckets.inMemory(1_000, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.tryConsume(fivePerMinute, "k")).isZero();
        }
        assertThat(buckets.secondsUntilAvailable(fivePerMinute, "k")).isEqualTo(12);
        assertThat(buckets.tryConsume(fivePerMinute, "k")).isEqualTo(12);
        assertThat(buckets.tryConsume(fivePerMinute, "other")).isZero();
        clock.advance(Duration.ofSeconds(12));
        assertThat(buckets.secondsUntilAvailable(fivePerMinute, "k")).isZero();
        assertThat(buckets.tryConsume(fivePerMinute, "k")).isZero();
        assertThat(buckets.tryConsume(fivePerMinute, "k")).isEqualTo(12);
    }

    @Test
    void whenRedisFailsTheLimitsGoOnInThisInstancesMemory() throws Exception {
        RedisClient client = RedisClient.create(System.getProperty("kakekin.test.redis.url", "redis://127.0.0.1:6379"));
        StatefulRedisConnection<String, byte[]> connection;
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
            client.shutdown();
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("Redis is needed on CI", e);
            }
            Assumptions.abort("no Redis: " + e.getMessage());
            return;
        }
        String prefix = "kakekin-test:" + java.util.UUID.randomUUID() + ":";
        RateLimitBuckets buckets = RateLimitBuckets.redis(connection, prefix, clock, Duration.ofMillis(300),
                RateLimitBuckets.inMemory(1_000, clock), client::shutdown);
        try {
            assertThat(buckets.tryConsume(fivePerMinute, "k")).isZero();
            assertThat(connection.sync().keys(prefix + "*")).hasSize(1);
            connection.sync().del(prefix + "test:5/60:k");
            connection.close(); // Redis is gone
            for (int i = 0; i < 5; i++) {
                assertThat(buckets.tryConsume(fivePerMinute, "k")).isZero();
            }
            assertThat(buckets.tryConsume(fivePerMinute, "k")).as("still limited, by the fallback").isPositive();
        } finally {
            buckets.close();
        }
    }
}
