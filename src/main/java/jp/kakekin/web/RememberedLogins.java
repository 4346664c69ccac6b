package jp.kakekin.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers verified operator logins for a short time. The operator API is stateless HTTP Basic, so
 * every call carries the password; checking bcrypt on each (tens of milliseconds by design) would cost
 * more than rendering the PDF. A successful check is remembered under a salted SHA-256 of name and
 * password, so the memory holds no password; failures are never remembered, so guessing still pays
 * bcrypt's price every time.
 */
final class RememberedLogins implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 1_000;

    private final AuthenticationProvider delegate;
    private final Duration ttl;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Authentication authentication, Instant until) {
    }

    RememberedLogins(AuthenticationProvider delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        if (ttl.isZero() || !(request.getCredentials() instanceof String password)) {
            return delegate.authenticate(request);
        }
        String key = key(request.getName(), password);
        Instant now = clock.instant();
        Remembered r = remembered.get(key);
        if (r != null && now.isBefore(r.until())) {
            return r.authentication();
        }
        Authentication verified = delegate.authenticate(request);
        if (verified != null && verified.isAuthenticated()) {
            if (remembered.size() >= MAX_ENTRIES) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(verified, now.plus(ttl)));
        }
        return verified;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String key(String name, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
