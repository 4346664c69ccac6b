package jp.kakekin.reissue;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The public form's limits (docs/reissue.md): per client address, and per contract number whether or not
 * the rest matched (a limit that only counted hits would tell which numbers exist). Contract numbers are
 * kept only as a keyed hash with a key that lives and dies with the process.
 */
@Component
class FormRateLimits {

    private final RateLimiter perClient;
    private final RateLimiter perContract;
    private final SecretKeySpec key;

    FormRateLimits(ReissueProperties properties, Clock clock) {
        ReissueProperties.RateLimit limits = properties.rateLimit();
        this.perClient = new RateLimiter(limits.perClient(), limits.perClientWindow(), clock);
        this.perContract = new RateLimiter(limits.perContract(), limits.perContractWindow(), clock);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** @return 0 when the client may submit, else seconds to wait */
    long client(String address) {
        return perClient.acquire(address);
    }

    /** @return 0 when the number may be tried again, else seconds to wait */
    long contract(String contractNoWithCheckDigits) {
        return perContract.acquire(hash(contractNoWithCheckDigits));
    }

    private String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
