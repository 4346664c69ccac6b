package jp.kakekin.reissue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The form's limits with {@code kakekin.reissue.rate-limit.store=redis}, against the machine's Redis
 * (127.0.0.1:6379; {@code -Dkakekin.test.redis.url=…}): two instances of the service count together, keys
 * expire in Redis, and nothing in Redis names an address or a contract number. Each test writes under a
 * key prefix of its own and removes it afterwards. On CI ({@code CI=true}) an unreachable Redis fails the
 * test; elsewhere it skips it.
 */
class FormRateLimitsRedisTest {

    static final String URL = System.getProperty("kakekin.test.redis.url", "redis://127.0.0.1:6379");

    String prefix;
    RedisClient client;
    StatefulRedisConnection<String, String> redis;
    final MutableClock clock = new MutableClock(Instant.parse("2027-01-20T01:00:00Z"));

    @BeforeEach
    void connect() {
        client = RedisClient.create(URL);
        try {
            redis = client.connect();
        } catch (RuntimeException e) {
            client.shutdown();
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("Redis at " + URL + " is needed on CI", e);
            }
            Assumptions.abort("no Redis at " + URL + ": " + e.getMessage());
        }
        prefix = "kakekin-test:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            List<String> keys = redis.sync().keys(prefix + "*");
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
            redis.close();
            client.shutdown();
        }
    }

    private FormRateLimits instance() {
        return new FormRateLimits(new ReissueProperties(null, new ReissueProperties.RateLimit(10, Duration.ofMinutes(10),
                3, Duration.ofHours(1), 10, Duration.ofMinutes(15), ReissueProperties.Store.REDIS, 0,
                new ReissueProperties.Redis(URL, prefix, Duration.ofSeconds(2)))), clock);
    }

    @Test
    void twoInstancesShareTheLimits() throws Exception {
        FormRateLimits a = instance();
        FormRateLimits b = instance();
        try {
            // Per client address: 6 on one instance and 4 on the other spend the 10.
            for (int i = 0; i < 10; i++) {
                assertThat((i % 2 == 0 && i < 12 ? a : b).client("192.0.2.7")).isZero();
            }
            assertThat(a.client("192.0.2.7")).isBetween(1L, 60L);
            assertThat(b.client("192.0.2.7")).isBetween(1L, 60L);
            assertThat(b.client("192.0.2.8")).as("another address").isZero();

            // Per address and number: 3, wherever they land.
            assertThat(a.contract("192.0.2.9", "100001441")).isZero();
            assertThat(b.contract("192.0.2.9", "100001441")).isZero();
            assertThat(a.contract("192.0.2.9", "100001441")).isZero();
            assertThat(b.contract("192.0.2.9", "100001441")).isBetween(1L, 3600L);
            // Per number from all addresses: 10 in all (3 used above).
            for (int i = 0; i < 7; i++) {
                assertThat((i % 2 == 0 ? a : b).contract("198.51.100." + i, "100001441")).isZero();
            }
            assertThat(a.contract("198.51.100.200", "100001441")).isBetween(1L, 15 * 60L);
            // The clock moves on: a token is back for everyone.
            clock.advance(Duration.ofMinutes(2));
            assertThat(b.contract("198.51.100.201", "100001441")).isZero();

            // What Redis holds: the shared hashing key and expiring buckets, no address, no number.
            List<String> keys = redis.sync().keys(prefix + "*");
            assertThat(keys).contains(prefix + "hash-key").hasSizeGreaterThan(5);
            assertThat(keys).noneMatch(k -> k.contains("192.0.2") || k.contains("198.51") || k.contains("1000014"));
            for (String k : keys) {
                if (!k.equals(prefix + "hash-key")) {
                    assertThat(redis.sync().pttl(k)).as(k).isPositive();
                }
            }
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void anUnreachableRedisIsAStartUpErrorNamingIt() {
        assertThatThrownBy(() -> new FormRateLimits(new ReissueProperties(null, new ReissueProperties.RateLimit(0, null,
                0, null, 0, null, ReissueProperties.Store.REDIS, 0,
                new ReissueProperties.Redis("redis://127.0.0.1:1", prefix, Duration.ofMillis(200)))), clock))
                .hasMessageStartingWith("kakekin.reissue.rate-limit.store is redis, but Redis at redis://127.0.0.1:1 cannot be reached");
    }
}
