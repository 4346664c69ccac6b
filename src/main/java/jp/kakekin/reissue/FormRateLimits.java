package jp.kakekin.reissue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import jakarta.annotation.PreDestroy;
import jp.kakekin.web.RateLimitBuckets;
import jp.kakekin.web.RateLimitBuckets.Limit;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * The public form's limits (docs/reissue.md, docs/security.md), three token buckets:
 * <ul>
 * <li>per client address, every POST;</li>
 * <li>per client address and contract number: whoever tries names for a holder's number is throttled, the
 *     holder asking from elsewhere is not;</li>
 * <li>per contract number from all addresses together, over a short window: many addresses cannot guess
 *     freely either, and a holder is kept out for minutes at most, never a day.</li>
 * </ul>
 * Contract numbers count whether or not anything matched (a limit that counted only hits or only misses
 * would tell which numbers exist). Keys are kept only as a keyed hash: in memory with a key that lives and
 * dies with the process; in Redis with a random key the instances share through Redis, so every
 * instance counts the same number under the same name.
 */
@Component
class FormRateLimits {

    private final RateLimitBuckets buckets;
    private final Limit perClient;
    private final Limit perClientContract;
    private final Limit perContract;
    private final SecretKeySpec key;

    FormRateLimits(ReissueProperties properties, Clock clock) {
        ReissueProperties.RateLimit limits = properties.rateLimit();
        this.perClient = new Limit("form-client", limits.perClient(), limits.perClientWindow());
        this.perClientContract = new Limit("form-client-contract", limits.perClientContract(),
                limits.perClientContractWindow());
        this.perContract = new Limit("form-contract", limits.perContract(), limits.perContractWindow());
        RateLimitBuckets memory = RateLimitBuckets.inMemory(limits.maxTrackedKeys(), clock);
        if (limits.store() == ReissueProperties.Store.REDIS) {
            ReissueProperties.Redis redis = limits.redis();
            RedisURI uri = RedisURI.create(redis.url());
            uri.setTimeout(redis.timeout().multipliedBy(4));
            RedisClient client = RedisClient.create(uri);
            client.setOptions(ClientOptions.builder()
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).build()).build());
            StatefulRedisConnection<String, byte[]> connection;
            try {
                connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            } catch (RuntimeException e) {
                client.shutdown();
                throw new IllegalStateException("kakekin.reissue.rate-limit.store is redis, but Redis at "
                        + redis.url() + " cannot be reached: " + e.getMessage(), e);
            }
            this.key = sharedKey(connection, redis.keyPrefix());
            this.buckets = RateLimitBuckets.redis(connection, redis.keyPrefix(), clock, redis.timeout(), memory, () -> {
                connection.close();
                client.shutdown();
            });
        } else {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            this.key = new SecretKeySpec(secret, "HmacSHA256");
            this.buckets = memory;
        }
    }

    /** One random hashing key for every instance: the first to start writes it, the others read it. */
    private static SecretKeySpec sharedKey(StatefulRedisConnection<String, byte[]> connection, String prefix) {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        String name = prefix + "hash-key";
        connection.sync().set(name, candidate, SetArgs.Builder.nx());
        byte[] shared = connection.sync().get(name);
        if (shared == null || shared.length != 32) {
            throw new IllegalStateException("Redis key " + name + " is not a 32-byte hashing key");
        }
        return new SecretKeySpec(shared, "HmacSHA256");
    }

    /** @return 0 when the client may submit, else seconds to wait */
    long client(String address) {
        return buckets.tryConsume(perClient, hash("a", address));
    }

    /**
     * The contract-number limits, the client's own first: a client over its own limit does not use up the
     * number's shared allowance.
     *
     * @return 0 when the number may be tried, else seconds to wait
     */
    long contract(String address, String contractNoWithCheckDigits) {
        long wait = buckets.tryConsume(perClientContract, hash("ac", address + '\u0000' + contractNoWithCheckDigits));
        if (wait > 0) {
            return wait;
        }
        return buckets.tryConsume(perContract, hash("c", contractNoWithCheckDigits));
    }

    /** 128 bits of HMAC-SHA256, domain-separated, base64url: the bucket's name without the value in it. */
    private String hash(String domain, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(domain.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @PreDestroy
    void close() throws Exception {
        buckets.close();
    }
}
