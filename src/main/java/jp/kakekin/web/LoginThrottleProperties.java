package jp.kakekin.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code kakekin.operator-login.*}: how many failed HTTP Basic logins the operator API and the actuator
 * take before answering 429 for a while (docs/security.md). Token buckets: a burst of n failures, then one
 * more every window/n.
 *
 * @param failuresPerAddress failed logins from one client address per {@code window}
 * @param failuresPerName    failed logins naming one operator, from all addresses together, per {@code window}
 * @param window             the short window both refill over
 * @param maxTrackedKeys     most addresses and names remembered (least recently used forgotten first)
 */
@ConfigurationProperties("kakekin.operator-login")
public record LoginThrottleProperties(int failuresPerAddress, int failuresPerName, Duration window, long maxTrackedKeys) {

    public LoginThrottleProperties {
        failuresPerAddress = failuresPerAddress <= 0 ? 5 : failuresPerAddress;
        failuresPerName = failuresPerName <= 0 ? 20 : failuresPerName;
        window = window == null ? Duration.ofMinutes(5) : window;
        maxTrackedKeys = maxTrackedKeys <= 0 ? 100_000 : maxTrackedKeys;
    }
}
