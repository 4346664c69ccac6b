package jp.kakekin.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Brute-force throttling of the operator login (HTTP Basic, docs/security.md). Counts failed logins per client
 * address and per operator name; once either is spent a request that carries credentials gets {@code 429}
 * with {@code Retry-After} before its password is even checked (so guessing costs no bcrypt either). A
 * short window: an operator whose name someone else is guessing is kept out for minutes, not locked for
 * good. One instance counts for every operator chain (API and actuator); {@link #filter()} goes before
 * Spring Security's Basic filter on each. In memory: with n instances of the service an address gets n
 * times the allowance (bcrypt still prices every guess).
 */
final class LoginThrottle {

    private final RateLimitBuckets buckets;
    private final RateLimitBuckets.Limit perAddress;
    private final RateLimitBuckets.Limit perName;
    private final JsonMapper json;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    LoginThrottle(LoginThrottleProperties properties, Clock clock, JsonMapper json) {
        this.buckets = RateLimitBuckets.inMemory(properties.maxTrackedKeys(), clock);
        this.perAddress = new RateLimitBuckets.Limit("login-address", properties.failuresPerAddress(), properties.window());
        this.perName = new RateLimitBuckets.Limit("login-name", properties.failuresPerName(), properties.window());
        this.json = json;
    }

    /** A filter for one chain (not a bean: Boot would register a Filter bean for every URL). */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String name = name(request);
                if (name == null) {
                    chain.doFilter(request, response);
                    return;
                }
                String address = request.getRemoteAddr();
                long wait = Math.max(buckets.secondsUntilAvailable(perAddress, address),
                        buckets.secondsUntilAvailable(perName, name));
                if (wait > 0) {
                    tooMany(response, wait);
                    return;
                }
                chain.doFilter(request, response);
                if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
                    // Credentials were sent and refused: a failed login.
                    buckets.tryConsume(perAddress, address);
                    buckets.tryConsume(perName, name);
                }
            }
        };
    }

    /** The operator name of a Basic header, or null without one (or with a malformed one: Spring refuses it). */
    private String name(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken token = basic.convert(request);
            return token == null ? null : token.getName().toLowerCase(Locale.ROOT);
        } catch (AuthenticationException e) {
            return null;
        }
    }

    private void tooMany(HttpServletResponse response, long seconds) throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", "Too many failed logins");
        problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
        problem.put("detail", "too many failed logins from this address or for this operator name; try again in "
                + seconds + " s");
        json.writeValue(response.getWriter(), problem);
    }
}
